using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// "Afterwards the database is the model" and "Verify shows every difference", for the cases that broke them
/// (issue 8): each deploys a model, changes the model or the database the way a user would, and checks that the
/// deploy succeeds with every row kept (or is refused naming the rows), equals a fresh deploy, and that Verify
/// saw the difference before and sees none after.
/// </summary>
public class TrustedDeployTests
{
    private const string Base = EvolutionModels.Items;
    private const string Seed = "INSERT INTO items (id, name, count, note, status) VALUES (1, 'a', 1, NULL, 'queued'), (2, 'b', 2, 'x', 'done');";
    private const string LastColumn = "public Status Status { get; set; } = Status.Queued;";

    private static async Task<NpgsqlConnection> DeployedAsync(string model, string seed = Seed)
    {
        var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(model).Target, connection);
        await connection.ExecuteAsync(seed);
        return connection;
    }

    private static async Task AssertVerifySeesItAsync(GeneratedSchema model, NpgsqlConnection connection)
    {
        var drift = await SchemaDeployer.VerifyAsync(model.Target, connection);
        var plan = await SchemaDeployer.PlanAsync(model.Target, connection, new DeployOptions { DropUnmanaged = true });
        Assert.False(drift.IsClean, "Verify says clean, but the plan has: " + plan.Sql);
        Assert.False(plan.IsEmpty);
    }

    [Theory]
    [InlineData("public string? Note", "public Status? Note", "UPDATE items SET note = 'done' WHERE id = 2;", "(1,a,1,,queued);(2,b,2,done,done)")]
    [InlineData("public Status Status { get; set; } = Status.Queued;", "public string Status { get; set; } = \"queued\";", "", "(1,a,1,,queued);(2,b,2,x,done)")]
    public async Task Text_and_enum_convert_through_text_keeping_every_value(string old, string replacement, string seed, string rows)
    {
        // Defect 5: the cast probe ran before the enum type existed (42704).
        var after = Evolution.Build(Base.Replace(old, replacement));
        await using var connection = await DeployedAsync(Base, Seed + seed);

        // (An enum the model no longer uses stays, as unmanaged, unless DropUnmanaged.)
        var options = new DeployOptions { DropUnmanaged = true };
        var result = await SchemaDeployer.DeployAsync(after.Target, connection, options);

        Assert.True(result.Safe, string.Join("\n", result.Steps));
        Assert.Equal(rows, await Evolution.RowsAsync(connection, "items"));
        await Evolution.AssertSameAsFreshAsync(connection, after, options);
    }

    [Fact]
    public async Task Text_to_enum_with_values_that_are_not_labels_is_refused_counting_them()
    {
        var after = Evolution.Build(Base.Replace("public string? Note", "public Status? Note"));
        await using var connection = await DeployedAsync(Base);

        var hazard = Assert.Single((await SchemaDeployer.PlanAsync(after.Target, connection)).Hazards);

        Assert.Equal(HazardKind.NarrowingTypeChange, hazard.Kind);
        Assert.Contains("1 row(s) hold values that are not labels", hazard.Message);
    }

    [Fact]
    public async Task A_referenced_primary_key_column_is_renamed_in_place()
    {
        // Defect 6: the key was dropped and added again, which the child's foreign key forbids (2BP01).
        const string parents = """
            namespace TestModels;
            [Table("parents")] public class Parent { [Key] public int Id { get; set; } }
            [Table("children")] public class Child { [Key] public int Id { get; set; } [References<Parent>] public int ParentId { get; set; } }
            """;
        var after = Evolution.Build(parents.Replace("[Key] public int Id { get; set; } }\n[Table(\"children\")]", "[Key, RenamedFrom(\"id\")] public int NewId { get; set; } }\n[Table(\"children\")]"));
        await using var connection = await DeployedAsync(parents, "INSERT INTO parents VALUES (1); INSERT INTO children VALUES (1, 1);");

        var result = await SchemaDeployer.DeployAsync(after.Target, connection);

        Assert.Equal([StepKind.RenameColumn], result.Steps.Select(s => s.Kind));
        Assert.Equal("(1,1)", await Evolution.RowsAsync(connection, "children"));
        await Evolution.AssertSameAsFreshAsync(connection, after);
    }

    [Fact]
    public async Task A_documented_property_added_gets_its_comment()
    {
        // Defect 7: the plan omitted the COMMENT and the re-verification refused the deploy forever.
        var after = Evolution.Build(Base.Replace(LastColumn, LastColumn + "\n    /// <summary>Extra detail.</summary>\n    public string? Extra { get; set; }"));
        await using var connection = await DeployedAsync(Base);

        await SchemaDeployer.DeployAsync(after.Target, connection);

        Assert.Equal("Extra detail.", await connection.ScalarAsync<string>("SELECT col_description('items'::regclass, 6)"));
        await Evolution.AssertSameAsFreshAsync(connection, after);
    }

    [Fact]
    public async Task A_recreated_enum_keeps_its_comment()
    {
        var documented = Base.Replace("public enum Status", "/// <summary>Where an item is.</summary>\npublic enum Status");
        var after = Evolution.Build(documented.Replace("Queued, Done }", "Done, Queued }"));
        await using var connection = await DeployedAsync(documented);

        await SchemaDeployer.DeployAsync(after.Target, connection, new DeployOptions { AllowDataLoss = true });

        await Evolution.AssertSameAsFreshAsync(connection, after);
    }

    [Fact]
    public async Task Removing_an_enum_label_a_template_function_takes_recreates_the_function()
    {
        // Defect 8: the function kept the renamed old type alive (cannot drop type … status_old_…, 2BP01).
        var template = "CREATE OR REPLACE FUNCTION label_of(p_status status) RETURNS text LANGUAGE sql AS $$ SELECT p_status::text $$;";
        var before = GeneratorHarness.Run([Evolution.Usings + Base.Replace("Queued, Done }", "Queued, Done, Lost }")], [("Sql/labels.sql", template)]).Load();
        var after = GeneratorHarness.Run([Evolution.Usings + Base], [("Sql/labels.sql", template)]).Load();
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(before.Target, connection);
        await connection.ExecuteAsync(Seed);

        var result = await SchemaDeployer.DeployAsync(after.Target, connection, new DeployOptions { AllowDataLoss = true });

        Assert.Contains(result.Steps, s => s.Kind == StepKind.RecreateEnum);
        Assert.Equal("done", await connection.ScalarAsync<string>("SELECT public.label_of('done')"));
        await Evolution.AssertSameAsFreshAsync(connection, after);
    }

    [Theory]
    [InlineData("a UNIQUE constraint", "ALTER TABLE items ADD CONSTRAINT items_count_key UNIQUE (count);")]
    [InlineData("an EXCLUDE constraint", "ALTER TABLE items ADD CONSTRAINT items_count_excl EXCLUDE USING btree (count WITH =);")]
    [InlineData("an index made DESC", "DROP INDEX ix_parts_item_id; CREATE INDEX ix_parts_item_id ON parts (item_id DESC);")]
    [InlineData("an index given an operator class", "DROP INDEX ix_parts_item_id; CREATE INDEX ix_parts_item_id ON parts (item_id int4_ops) WITH (fillfactor = 50);")]
    [InlineData("a column collation", "ALTER TABLE items ALTER COLUMN note TYPE text COLLATE \"C\";")]
    [InlineData("a foreign key made NOT VALID and DEFERRABLE", "ALTER TABLE parts DROP CONSTRAINT fk_parts_item_id; INSERT INTO parts VALUES (9, 99); ALTER TABLE parts ADD CONSTRAINT fk_parts_item_id FOREIGN KEY (item_id) REFERENCES items (id) DEFERRABLE NOT VALID; DELETE FROM parts WHERE id = 9;")]
    [InlineData("a comment edited by hand", "COMMENT ON TABLE items IS 'edited';")]
    [InlineData("a comment on an index", "COMMENT ON INDEX ix_parts_item_id IS 'why';")]
    [InlineData("a comment on a constraint", "COMMENT ON CONSTRAINT pk_items ON items IS 'why';")]
    [InlineData("identity options", "ALTER TABLE parts ALTER COLUMN id SET INCREMENT BY 5;")]
    public async Task Drift_is_seen_by_Verify_and_repaired_by_Deploy(string what, string edit)
    {
        // Defect 10 and 11: each of these was invisible to Verify and to the no-op fast path.
        var model = Evolution.Build(WithParts);
        await using var connection = await DeployedAsync(WithParts);
        await connection.ExecuteAsync(edit);

        await AssertVerifySeesItAsync(model, connection);
        var result = await SchemaDeployer.DeployAsync(model.Target, connection, new DeployOptions { DropUnmanaged = true, AllowDataLoss = true });

        Assert.False(result.NoOp, what);
        await Evolution.AssertSameAsFreshAsync(connection, model);
    }

    private const string WithParts = Base + """

        [Table("parts")]
        public class Part
        {
            [Key, DatabaseGenerated(DatabaseGeneratedOption.Identity)] public int Id { get; set; }
            [References<Item>] public int ItemId { get; set; }
        }
        """;

    [Fact]
    public async Task A_foreign_key_that_sets_only_some_columns_on_delete_is_drift()
    {
        // ON DELETE SET NULL (columns) (PostgreSQL 15) was read as the model's SET NULL: Verify said clean, the no-op kept it.
        const string model = Base + """

            [Table("parts")]
            public class Part
            {
                [Key, DatabaseGenerated(DatabaseGeneratedOption.Identity)] public int Id { get; set; }
                [References<Item>(OnDelete = ReferentialAction.SetNull)] public int? ItemId { get; set; }
            }
            """;
        var schema = Evolution.Build(model);
        await using var connection = await DeployedAsync(model);
        await connection.ExecuteAsync("ALTER TABLE parts DROP CONSTRAINT fk_parts_item_id; "
            + "ALTER TABLE parts ADD CONSTRAINT fk_parts_item_id FOREIGN KEY (item_id) REFERENCES items (id) ON DELETE SET NULL (item_id);");

        await AssertVerifySeesItAsync(schema, connection);
        var result = await SchemaDeployer.DeployAsync(schema.Target, connection);

        Assert.False(result.NoOp);
        Assert.Equal("FOREIGN KEY (item_id) REFERENCES items(id) ON DELETE SET NULL",
            await connection.ScalarAsync<string>("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'fk_parts_item_id'"));
        await Evolution.AssertSameAsFreshAsync(connection, schema);
    }

    [Fact]
    public async Task A_foreign_key_whose_column_is_named_like_that_clause_is_not_drift()
    {
        // The clause is read from the definition's tokens: a quoted name that spells it is one identifier.
        const string model = Base + """

            [Table("parts")]
            public class Part
            {
                [Key, DatabaseGenerated(DatabaseGeneratedOption.Identity)] public int Id { get; set; }
                [References<Item>(OnDelete = ReferentialAction.SetNull), Column("x) ON DELETE SET NULL (y")] public int? ItemId { get; set; }
            }
            """;
        var schema = Evolution.Build(model);
        await using var connection = await DeployedAsync(model);

        var drift = await SchemaDeployer.VerifyAsync(schema.Target, connection);

        Assert.True(drift.IsClean, string.Join("\n", drift.Drift));
    }

    [Fact]
    public async Task A_pending_column_rename_is_drift()
    {
        // Defect 11: Plan had a step, Verify said clean.
        var after = Evolution.Build(Base.Replace("public string? Note", "[RenamedFrom(\"note\")] public string? Remark"));
        await using var connection = await DeployedAsync(Base);

        await AssertVerifySeesItAsync(after, connection);
    }

    [Fact]
    public async Task DropUnmanaged_bypasses_the_no_op_fast_path()
    {
        // Defect 12: after an ordinary deploy, Deploy(DropUnmanaged) returned NoOp and left the table Plan listed.
        var model = Evolution.Build(Base);
        await using var connection = await DeployedAsync(Base);
        await connection.ExecuteAsync("CREATE TABLE leftovers (id int); CREATE VIEW item_names AS SELECT name FROM items;");
        await SchemaDeployer.DeployAsync(model.Target, connection);

        var result = await SchemaDeployer.DeployAsync(model.Target, connection, new DeployOptions { DropUnmanaged = true, AllowDataLoss = true });

        Assert.Equal([StepKind.DropView, StepKind.DropTable], result.Steps.Select(s => s.Kind));
        await Evolution.AssertSameAsFreshAsync(connection, model);
    }

    [Fact]
    public async Task Unmanaged_kinds_are_listed_never_invisible()
    {
        var model = Evolution.Build(Base);
        await using var connection = await DeployedAsync(Base);
        await connection.ExecuteAsync("""
            CREATE VIEW v AS SELECT 1 AS one; CREATE MATERIALIZED VIEW mv AS SELECT 1 AS one; CREATE SEQUENCE s;
            CREATE DOMAIN positive AS integer CHECK (VALUE > 0); CREATE TYPE pair AS (a int, b int);
            CREATE POLICY own ON items USING (true);
            """);

        var plan = await SchemaDeployer.PlanAsync(model.Target, connection);

        Assert.Equal(["domain public.positive", "materialized view public.mv", "policy own ON public.items", "sequence public.s", "type public.pair", "view public.v"],
            plan.Unmanaged.OrderBy(u => u, System.StringComparer.Ordinal));
        Assert.True(plan.IsEmpty);
        Assert.False((await SchemaDeployer.VerifyAsync(model.Target, connection)).IsClean);
    }

    [Fact]
    public async Task A_generated_column_made_plain_keeps_its_values()
    {
        // Defect 13: DROP + ADD, Safe = true, every value NULL.
        var generated = Base.Replace(LastColumn, LastColumn + "\n    [Generated(\"count * 2\")] public int? Twice { get; set; }");
        var after = Evolution.Build(Base.Replace(LastColumn, LastColumn + "\n    public int? Twice { get; set; }"));
        await using var connection = await DeployedAsync(generated);

        var result = await SchemaDeployer.DeployAsync(after.Target, connection);

        Assert.Equal([StepKind.DropExpression], result.Steps.Select(s => s.Kind));
        Assert.Equal("(1,a,1,,queued,2);(2,b,2,x,done,4)", await Evolution.RowsAsync(connection, "items"));
        await Evolution.AssertSameAsFreshAsync(connection, after);
    }

    [Fact]
    public async Task A_narrowing_numeric_change_never_rounds()
    {
        // Defect 14: with AllowDataLoss, 99.99 silently became 100.0.
        var before = Base.Replace(LastColumn, LastColumn + "\n    [Numeric(10, 2)] public decimal? Price { get; set; }");
        var after = Evolution.Build(before.Replace("[Numeric(10, 2)]", "[Numeric(10, 1)]"));
        await using var connection = await DeployedAsync(before, Seed + "UPDATE items SET price = 99.99 WHERE id = 1; UPDATE items SET price = 5.5 WHERE id = 2;");
        var state = await DatabaseState.CaptureAsync(connection);

        var hazard = Assert.Single((await SchemaDeployer.PlanAsync(after.Target, connection)).Hazards);
        Assert.Contains("1 value(s) do not fit", hazard.Message);
        var failed = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(after.Target, connection, new DeployOptions { AllowDataLoss = true }));

        Assert.Equal("23514", failed.SqlState);
        Assert.Contains("do not fit", failed.Message);
        Assert.Equal(state, await DatabaseState.CaptureAsync(connection));
    }

    [Fact]
    public async Task Identity_added_to_a_populated_column_starts_past_its_values()
    {
        // Defect 15: the sequence started at 1 and the next insert violated the key.
        var after = Evolution.Build(Base.Replace("[Key] public int Id", "[Key, DatabaseGenerated(DatabaseGeneratedOption.Identity)] public int Id"));
        await using var connection = await DeployedAsync(Base);

        await SchemaDeployer.DeployAsync(after.Target, connection);
        await connection.ExecuteAsync("INSERT INTO items (name, count) VALUES ('c', 3);");

        Assert.Equal(3, await connection.ScalarAsync<int>("SELECT max(id) FROM items"));
        await Evolution.AssertSameAsFreshAsync(connection, after);
    }

    [Fact]
    public async Task A_renamed_table_whose_column_becomes_NOT_NULL_counts_its_NULLs()
    {
        // Defect 16: the probe queried the new name before the rename ran and counted its error as zero.
        var after = Evolution.Build(Base.Replace("[Table(\"items\")]", "[Table(\"things\"), RenamedFrom(\"items\")]")
            .Replace("public string? Note { get; set; }", "[Required] public string Note { get; set; } = null!;"));
        await using var connection = await DeployedAsync(Base);

        var hazard = Assert.Single((await SchemaDeployer.PlanAsync(after.Target, connection)).Hazards);

        Assert.Equal(HazardKind.NullsPresent, hazard.Kind);
        Assert.Contains("1 row(s) are NULL", hazard.Message);
    }

    [Theory]
    [InlineData("[Table(\"items\", Schema = \"archive\"), RenamedFrom(\"items\")]", "archive.items")]
    [InlineData("[Table(\"things\", Schema = \"archive\"), RenamedFrom(\"public.items\")]", "archive.things")]
    public async Task A_table_moved_to_another_schema_keeps_its_rows(string table, string qualified)
    {
        // Defect 17: a new empty table was created and the rows left behind.
        var after = Evolution.Build(Base.Replace("[Table(\"items\")]", table));
        await using var connection = await DeployedAsync(Base);

        var result = await SchemaDeployer.DeployAsync(after.Target, connection);

        Assert.Contains(result.Steps, s => s.Kind == StepKind.SetTableSchema);
        Assert.Equal("(1,a,1,,queued);(2,b,2,x,done)", await Evolution.RowsAsync(connection, qualified));
        await Evolution.AssertSameAsFreshAsync(connection, after);
    }

    [Fact]
    public async Task Renames_of_keys_checks_and_indexes_say_so()
    {
        await using var connection = await DeployedAsync(WithParts);
        await connection.ExecuteAsync("""
            ALTER TABLE items RENAME CONSTRAINT pk_items TO items_pkey;
            ALTER INDEX ix_parts_item_id RENAME TO parts_item;
            """);

        var plan = await SchemaDeployer.PlanAsync(Evolution.Build(WithParts).Target, connection);

        Assert.Equal([StepKind.RenamePrimaryKey, StepKind.RenameIndex], plan.Steps.Select(s => s.Kind).OrderBy(k => k));
    }

    [Fact]
    public async Task A_dropped_column_says_how_many_values_go_and_a_missing_default_what_to_write()
    {
        var dropped = Evolution.Build(Base.Replace("    public string? Note { get; set; }\n", ""));
        var added = Evolution.Build(Base.Replace(LastColumn, LastColumn + "\n    [Required] public string Extra { get; set; } = null!;"));
        await using var connection = await DeployedAsync(Base);

        var drop = Assert.Single((await SchemaDeployer.PlanAsync(dropped.Target, connection)).Hazards);
        var add = Assert.Single((await SchemaDeployer.PlanAsync(added.Target, connection)).Hazards);

        Assert.Contains("1 non-NULL value(s)", drop.Message);
        Assert.Contains("initializer", add.Message);
        Assert.Contains("[DefaultSql", add.Message);
    }

    [Fact]
    public async Task A_unique_index_over_duplicates_names_them_when_allowed_and_refused_by_PostgreSQL()
    {
        var after = Evolution.Build(Base.Replace("public int Count", "[Indexed(IsUnique = true)] public int Count"));
        await using var connection = await DeployedAsync(Base, Seed + "UPDATE items SET count = 1;");

        var failed = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(after.Target, connection, new DeployOptions { AllowDataLoss = true }));

        Assert.Equal("23505", failed.SqlState);
        Assert.Contains("1 value(s) occur more than once", failed.Message);
    }

    [Fact]
    public async Task A_referenced_table_renamed_keeps_its_foreign_keys_without_revalidating()
    {
        var renamed = Evolution.Build(WithParts.Replace("[Table(\"items\")]", "[Table(\"things\"), RenamedFrom(\"items\")]"));
        await using var connection = await DeployedAsync(WithParts, Seed + "INSERT INTO parts (item_id) VALUES (1);");

        var result = await SchemaDeployer.DeployAsync(renamed.Target, connection);

        // The key follows the table's new name; the foreign key to it stays as it is (no drop, no re-validation).
        Assert.Equal([StepKind.RenameTable, StepKind.RenamePrimaryKey], result.Steps.Select(s => s.Kind));
        await Evolution.AssertSameAsFreshAsync(connection, renamed);
    }
}
