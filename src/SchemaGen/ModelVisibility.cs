// The shared model sources declare their types without an access modifier, so the generator keeps its copy
// internal (it never clashes with this assembly in a project that loads both). Here they are the public API.
namespace SchemaGen.Model
{
    public readonly partial struct EquatableArray<T> { }
    public static partial class EquatableArray { }
    public sealed partial record SchemaModel;
    public sealed partial record EnumModel;
    public sealed partial record RenamedLabel;
    public sealed partial record TableModel;
    public sealed partial record ColumnModel;
    public sealed partial record PrimaryKeyModel;
    public sealed partial record CheckModel;
    public sealed partial record ForeignKeyModel;
    public sealed partial record IndexModel;
    public sealed partial record ConstraintModel;
    public sealed partial record CatalogObject;
    public sealed partial record FunctionModel;
    public sealed partial record FunctionParameter;
    public sealed partial record TriggerModel;
    public sealed partial record TemplateObjectModel;
    public sealed partial record ObjectDependency;
    public sealed partial record ExtensionModel;
    public sealed partial record DomainModel;
    public sealed partial record DomainCheck;
    public static partial class DomainNaming { }
    public sealed partial record SqlObject;
    public static partial class SqlNaming { }
    public static partial class SqlSyntax { }
    public static partial class DdlRenderer { }
    public static partial class TableOrder { }
    public static partial class StableHash { }
    public static partial class SqlTypeNames { }
    public static partial class SqlLexer { }
    public static partial class SqlBuiltinTypes { }
    public sealed partial class SqlBuiltinType { }
    public static partial class SchemaMapping { }
    public static partial class ModelData { }
    public static partial class ExtensionTypes { }
}
// Enums cannot be partial: their files choose the access modifier with the SCHEMAGEN_GENERATOR symbol.
