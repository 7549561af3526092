using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SchemaGen.Model
{
    static partial class DdlRenderer
    {
        /// <summary>
        /// The model's domains, in the model's order (a domain after the one it is based on), created after the enums (a
        /// domain may be based on one) and the extensions (or on one of their types), before the tables whose columns use them.
        /// </summary>
        private static IEnumerable<SqlObject> DomainObjects(SchemaModel model) =>
            model.Domains.Select(d => new SqlObject(SqlObjectKind.Domain, d.Schema, d.Name,
                CreateDomain(d) + "\n" + (d.Comment == null ? "" : CommentOnDomain(d, d.Comment) + "\n") + "\n"));

        /// <summary><c>CREATE DOMAIN s.d AS base [DEFAULT …] [NOT NULL] [CONSTRAINT name CHECK (…)];</c></summary>
        public static string CreateDomain(DomainModel domain)
        {
            var sql = new StringBuilder("CREATE DOMAIN ").Append(SqlSyntax.QualifiedName(domain.Schema, domain.Name)).Append(" AS ").Append(domain.BaseType);
            if (domain.DefaultSql != null)
                sql.Append(" DEFAULT ").Append(domain.DefaultSql);
            if (domain.NotNull)
                sql.Append(" NOT NULL");
            foreach (var check in domain.Checks)
                sql.Append(' ').Append(DomainCheckConstraint(check));
            return sql.Append(';').ToString();
        }

        /// <summary><c>CONSTRAINT name CHECK (expression)</c> of a domain.</summary>
        public static string DomainCheckConstraint(DomainCheck check) =>
            "CONSTRAINT " + SqlSyntax.Identifier(check.Name) + " CHECK (" + check.Expression + ")";

        /// <summary><c>COMMENT ON DOMAIN s.d IS '…';</c></summary>
        public static string CommentOnDomain(DomainModel domain, string? comment) =>
            "COMMENT ON DOMAIN " + SqlSyntax.QualifiedName(domain.Schema, domain.Name) + " IS " + CommentLiteral(comment) + ";";
    }
}
