namespace SchemaGen.Model
{
    static partial class AlterRenderer
    {
        /// <summary><c>ALTER DOMAIN d ADD CONSTRAINT name CHECK (…) NOT VALID;</c>: the rows already stored are checked by a later VALIDATE.</summary>
        public static string AddDomainCheck(string domain, DomainCheck check) =>
            $"ALTER DOMAIN {domain} ADD {DdlRenderer.DomainCheckConstraint(check)} NOT VALID;";

        /// <summary><c>ALTER DOMAIN d VALIDATE CONSTRAINT name;</c></summary>
        public static string ValidateDomainCheck(string domain, string name) => $"ALTER DOMAIN {domain} VALIDATE CONSTRAINT {SqlSyntax.Identifier(name)};";

        /// <summary><c>ALTER DOMAIN d DROP CONSTRAINT IF EXISTS name;</c></summary>
        public static string DropDomainCheck(string domain, string name) => $"ALTER DOMAIN {domain} DROP CONSTRAINT IF EXISTS {SqlSyntax.Identifier(name)};";

        /// <summary><c>ALTER DOMAIN d SET DEFAULT …;</c> or <c>DROP DEFAULT</c> for null.</summary>
        public static string SetDomainDefault(string domain, string? expression) =>
            expression == null ? $"ALTER DOMAIN {domain} DROP DEFAULT;" : $"ALTER DOMAIN {domain} SET DEFAULT {expression};";

        /// <summary><c>ALTER DOMAIN d SET NOT NULL;</c> or <c>DROP NOT NULL</c>.</summary>
        public static string SetDomainNotNull(string domain, bool notNull) => $"ALTER DOMAIN {domain} {(notNull ? "SET" : "DROP")} NOT NULL;";

        /// <summary><c>DROP DOMAIN d;</c> (never CASCADE: a column still using it makes the drop fail rather than disappear).</summary>
        public static string DropDomain(string domain) => $"DROP DOMAIN {domain};";
    }
}
