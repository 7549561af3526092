using System;

namespace SchemaGen
{
    /// <summary>
    /// A PostgreSQL extension the model needs: the deployer runs <c>CREATE EXTENSION IF NOT EXISTS</c> before anything
    /// else is created, and the extension's types (<c>citext</c>, <c>hstore</c>, <c>ltree</c>, <c>geometry</c>, …) are
    /// usable in <c>[Column(TypeName = …)]</c>, its functions in defaults and checks. An extension the model does not
    /// declare is never dropped. See docs/deploying.md ("Extensions").
    /// </summary>
    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
    public sealed class ExtensionAttribute : Attribute
    {
        /// <param name="name">The extension's name as <c>CREATE EXTENSION</c> takes it, e.g. <c>citext</c>, <c>postgis</c>, <c>uuid-ossp</c>.</param>
        public ExtensionAttribute(string name) => Name = name;

        /// <summary>The extension's name.</summary>
        public string Name { get; }

        /// <summary>
        /// The schema to create it in. Default: <c>public</c> when it is created; an extension already installed in another
        /// schema is then accepted where it is. When given, an extension installed elsewhere is drift.
        /// </summary>
        public string? Schema { get; set; }

        /// <summary>
        /// The version to create, or to update an installed one to (<c>ALTER EXTENSION … UPDATE TO</c>). Default: the
        /// server's default version, and any installed version is accepted.
        /// </summary>
        public string? Version { get; set; }
    }
}
