using System;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace SchemaGen.Tests.Cli;

/// <summary><c>schemagen script</c>: the model's create script, on standard output or in a file whose previous content is kept.</summary>
public class ScriptCommandTests
{
    [Fact]
    public async Task Prints_the_create_script_of_the_assembly()
    {
        var run = await SchemaGenCli.RunOnSampleAsync("script");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(JobPipeline.Schema.Sql, run.Output);
    }

    [Fact]
    public async Task Out_writes_the_file_and_keeps_its_previous_content_as_schema_backup()
    {
        var directory = Directory.CreateTempSubdirectory("schemagen-script-");
        try
        {
            var file = Path.Combine(directory.FullName, "schema.sql");
            await File.WriteAllTextAsync(file, "-- edited by hand\n");

            var run = await SchemaGenCli.RunOnSampleAsync("script", "--out", file);

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal(JobPipeline.Schema.Sql, await File.ReadAllTextAsync(file));
            Assert.Equal("-- edited by hand\n", await File.ReadAllTextAsync(Path.Combine(directory.FullName, "schema_backup.sql")));
            Assert.Equal("", run.Output); // the script went to the file, progress to standard error
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
