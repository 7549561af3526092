using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SchemaGen.Tests.Cli;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Scaffolding;

/// <summary>
/// <c>schemagen scaffold</c> as a command: a second run over an unchanged database rewrites nothing, a database change
/// rewrites only the files it concerns, an edited file is kept (exit code 1, named) unless <c>--force</c>, and the
/// errors a user can make are exit code 4 with a message.
/// </summary>
public class ScaffoldCommandTests
{
    private const string Schema = """
        CREATE TYPE mood AS ENUM ('happy', 'sad');
        CREATE TABLE persons (id integer PRIMARY KEY, name text NOT NULL, mood mood NOT NULL DEFAULT 'happy');
        CREATE TABLE pets (id integer PRIMARY KEY, owner integer REFERENCES persons (id));
        CREATE INDEX ix_pets_owner ON pets (owner);
        ALTER TABLE persons RENAME CONSTRAINT persons_pkey TO pk_persons;
        ALTER TABLE pets RENAME CONSTRAINT pets_pkey TO pk_pets;
        ALTER TABLE pets RENAME CONSTRAINT pets_owner_fkey TO fk_pets_owner;
        """;

    [Fact]
    public async Task A_second_run_over_an_unchanged_database_rewrites_nothing()
    {
        await using var database = await Postgres.NewDatabaseAsync();
        await database.ExecuteAsync(Schema);
        var first = await ScaffoldRun.RunAsync(database);
        Assert.Equal(0, first.Cli.ExitCode);
        Assert.All(first.Outcomes.Values, outcome => Assert.Equal("created", outcome));
        var before = Snapshot(first.Directory);

        var second = await ScaffoldRun.RunAsync(database, first.Directory);

        Assert.Equal(0, second.Cli.ExitCode);
        Assert.All(second.Outcomes, file => Assert.True(file.Value == "unchanged", $"{file.Key} was {file.Value}"));
        Assert.Equal(before, Snapshot(first.Directory));
        Assert.Equal(["Models/Mood.cs", "Models/Person.cs", "Models/Pet.cs", "SchemaOptions.cs", "scaffold-report.md"], first.Outcomes.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_database_change_rewrites_only_the_files_it_concerns()
    {
        await using var database = await Postgres.NewDatabaseAsync();
        await database.ExecuteAsync(Schema);
        var first = await ScaffoldRun.RunAsync(database);

        await database.ExecuteAsync("ALTER TABLE pets ADD COLUMN nickname varchar(30)");
        var second = await ScaffoldRun.RunAsync(database, first.Directory);

        Assert.Equal(0, second.Cli.ExitCode);
        Assert.Equal("updated", second.Outcomes["Models/Pet.cs"]);
        Assert.Equal("unchanged", second.Outcomes["Models/Person.cs"]);
        Assert.Contains("[MaxLength(30)]\n    public string? Nickname { get; set; }", File.ReadAllText(Path.Combine(first.Directory, "Models/Pet.cs")));
    }

    [Fact]
    public async Task An_edited_file_is_kept_and_named_unless_forced()
    {
        await using var database = await Postgres.NewDatabaseAsync();
        await database.ExecuteAsync(Schema);
        var first = await ScaffoldRun.RunAsync(database);
        var person = Path.Combine(first.Directory, "Models/Person.cs");
        var edited = File.ReadAllText(person).Replace("public class Person", "/// <remarks>Mine.</remarks>\npublic class Person");
        File.WriteAllText(person, edited);
        await database.ExecuteAsync("ALTER TABLE persons ADD COLUMN age integer");

        var kept = await ScaffoldRun.RunAsync(database, first.Directory);

        Assert.Equal(1, kept.Cli.ExitCode);
        Assert.Equal("edited", kept.Outcomes["Models/Person.cs"]);
        Assert.Equal(edited, File.ReadAllText(person));

        var forced = await ScaffoldRun.RunAsync(database, first.Directory, "--force");

        Assert.Equal(0, forced.Cli.ExitCode);
        Assert.Equal("overwritten", forced.Outcomes["Models/Person.cs"]);
        Assert.Contains("public int? Age { get; set; }", File.ReadAllText(person));
        Assert.DoesNotContain("Mine.", File.ReadAllText(person));
    }

    [Fact]
    public async Task An_edited_file_is_kept_and_named_also_when_the_database_did_not_change()
    {
        await using var database = await Postgres.NewDatabaseAsync();
        await database.ExecuteAsync(Schema);
        var first = await ScaffoldRun.RunAsync(database);
        var mood = Path.Combine(first.Directory, "Models/Mood.cs");
        File.AppendAllText(mood, "// a note of mine\n");

        var second = await ScaffoldRun.RunAsync(database, first.Directory);

        // The file differs from what scaffold would write (the note), so it is kept, and named.
        Assert.Equal(1, second.Cli.ExitCode);
        Assert.Equal("edited", second.Outcomes["Models/Mood.cs"]);
        Assert.EndsWith("// a note of mine\n", File.ReadAllText(mood));
    }

    [Fact]
    public async Task The_text_output_lists_written_files_and_the_summary()
    {
        await using var database = await Postgres.NewDatabaseAsync();
        await database.ExecuteAsync(Schema + "CREATE VIEW sad_people AS SELECT * FROM persons WHERE mood = 'sad'; CREATE POLICY own_rows ON persons USING (mood = 'sad');");
        var directory = Path.Combine(Path.GetTempPath(), "schemagen-scaffold-" + Guid.NewGuid().ToString("N"));

        var run = await SchemaGenCli.RunAsync("scaffold", "--connection", ScaffoldRun.ConnectionString(database), "--output", directory, "--schema", "public");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("created     Models/Person.cs", run.Output);
        Assert.Contains("created     Sql/03_objects.sql", run.Output); // the view, as a template
        Assert.Contains("not expressed: policy public.persons.own_rows", run.Output);
        Assert.Contains("1 object(s) not expressed", run.Output);
        Assert.Contains("namespace " + Path.GetFileName(directory).Replace("-", "").Substring(0, 1).ToUpperInvariant(), File.ReadAllText(Path.Combine(directory, "Models/Person.cs")));
    }

    [Fact]
    public async Task A_schema_that_does_not_exist_is_a_user_error()
    {
        await using var database = await Postgres.NewDatabaseAsync();

        var run = await SchemaGenCli.RunAsync("scaffold", "--connection", ScaffoldRun.ConnectionString(database), "--output", Path.GetTempPath(), "--schema", "nope");

        Assert.True(run.ExitCode == 4, run.ToString());
        Assert.Contains("schema not found: nope", run.Error);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_user_error()
    {
        var run = await SchemaGenCli.RunAsync("scaffold", "--connection", $"Host=127.0.0.1;Port={SchemaGenCli.ClosedPort()};Database=x;Username=x;Timeout=3",
            "--output", Path.GetTempPath());

        Assert.True(run.ExitCode == 4, run.ToString());
        Assert.Contains("cannot connect to 127.0.0.1", run.Error);
    }

    private static string Snapshot(string directory) => string.Join("\n", Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
        .Select(f => $"{Path.GetRelativePath(directory, f)} {File.GetLastWriteTimeUtc(f):O} {File.ReadAllText(f)}"));
}
