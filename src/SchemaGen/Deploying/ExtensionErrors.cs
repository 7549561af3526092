using System.Text.RegularExpressions;
using Npgsql;
using SchemaGen.Model;

namespace SchemaGen.Deploying
{
    /// <summary>
    /// What to do about a refused <c>CREATE EXTENSION</c>: the server lacks the extension's files (PostgreSQL 15 says
    /// "could not open extension control file", 58P01; later versions "extension … is not available", 0A000), so name
    /// the Debian package that installs them; or the role may not create it (42501), so name the privilege.
    /// </summary>
    internal static class ExtensionErrors
    {
        // Debian's layout puts the control files in /usr/share/postgresql/<major>/extension/<name>.control.
        private static readonly Regex ControlFile = new(@"/postgresql/(?<major>\d+)/extension/(?<name>[^/""]+)\.control", RegexOptions.CultureInvariant);
        private static readonly Regex Statement = new(@"^\s*(CREATE|ALTER)\s+EXTENSION\s+(IF\s+NOT\s+EXISTS\s+)?(""(?<quoted>(?:[^""]|"""")+)""|(?<bare>[^\s;]+))",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>The advice for <paramref name="e"/>, or null when it is not a refused extension statement.</summary>
        public static string? Explain(PostgresException e, string? statement, int? serverMajor)
        {
            var match = statement == null ? Match.Empty : Statement.Match(statement);
            if (!match.Success)
                return null;
            var name = match.Groups["quoted"].Success ? match.Groups["quoted"].Value.Replace("\"\"", "\"") : match.Groups["bare"].Value.ToLowerInvariant();
            var text = e.MessageText + " " + e.Detail;

            if (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                var superuser = (e.Hint ?? "").Contains("superuser");
                return superuser
                    ? $"Extension {name} is not trusted: only a superuser can create it. Have an administrator run CREATE EXTENSION IF NOT EXISTS {SqlSyntax.Identifier(name)} once in this database; the deployer then finds it installed and leaves it alone."
                    : $"Creating extension {name} needs the CREATE privilege on the database (GRANT CREATE ON DATABASE … TO the deploying role), or an administrator runs CREATE EXTENSION IF NOT EXISTS {SqlSyntax.Identifier(name)} once.";
            }

            if (e.SqlState is not (PostgresErrorCodes.UndefinedFile or PostgresErrorCodes.FeatureNotSupported) || !text.Contains("extension"))
                return null;
            // The major version from the connection, else from the control file's path (when the detail is not redacted).
            var file = ControlFile.Match(text);
            var major = serverMajor ?? (file.Success ? int.Parse(file.Groups["major"].Value, System.Globalization.CultureInfo.InvariantCulture) : (int?)null);
            var package = major is int known ? ExtensionTypes.DebianPackage(name, known)
                : ExtensionTypes.DebianPackage(name, 0).Replace("postgresql-0", "postgresql-<major>");
            return $"The database server does not have extension {name} installed. On Debian or Ubuntu install the package {package} on the server (apt-get install -y {package.Split(' ')[0]}), or use an image that includes it; then deploy again.";
        }
    }
}
