using System;
using System.Collections.Generic;
using System.Linq;
using SchemaGen.Generators.Diagnostics;
using SchemaGen.Generators.Specs;
using SchemaGen.Model;

namespace SchemaGen.Generators.Assembling
{
    /// <summary>
    /// Matches each <c>[SqlFunction]</c> method with its template: every C# parameter, snake_cased behind the
    /// parameter prefix, must be a parameter of the function (SG0010, with the nearest name suggested), every
    /// parameter without a default must be passed, and every result member must be a column whose type it can
    /// hold (SG0011). A function no template defines is SG0012. Only methods that bind get an implementation.
    /// Diagnostics name the method's declaration (and a parameter or member); they are located when reported.
    /// </summary>
    internal static class WrapperBinder
    {
        public static WrapperOutput Bind(IReadOnlyList<WrapperSpec> wrappers, SchemaModel? model, IReadOnlyList<EnumMapping> enums, string prefix)
        {
            var bound = new List<BoundWrapper>();
            var diagnostics = new List<DiagnosticInfo>();
            var functions = model?.Functions.ToList() ?? new List<FunctionModel>();
            foreach (var wrapper in wrappers.OrderBy(w => w.Namespace + "." + string.Join(".", w.ContainingTypes) + "." + w.MethodName, StringComparer.Ordinal))
            {
                if (wrapper.HasErrors)
                    continue; // the parser has reported why

                var candidates = functions.Where(f => f.Name == wrapper.FunctionName && (wrapper.FunctionSchema == null || f.Schema == wrapper.FunctionSchema)).ToList();
                if (candidates.Count == 0)
                {
                    var known = functions.Count == 0 ? "no SQL template defines any function" : "the templates define " + string.Join(", ", functions.Select(f => f.Name).Distinct());
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TemplateError, new DiagnosticTarget.Declaration(wrapper.DeclarationId, SqlFunctionAttribute: true), wrapper.MethodName,
                        $"it calls '{wrapper.FunctionName}', which no SQL template defines ({known}); add the function's CREATE FUNCTION to a .sql file among the AdditionalFiles"));
                    continue;
                }

                // The overload that fits best decides what is reported.
                var attempts = candidates.Select(f => (Function: f, Problems: Check(wrapper, f, enums, prefix))).OrderBy(a => a.Problems.Count).ToList();
                var best = attempts[0];
                if (best.Problems.Count > 0)
                {
                    diagnostics.AddRange(best.Problems);
                    continue;
                }

                var values = wrapper.Parameters.Where(p => p.Role == ParameterRole.Value).ToList();
                bound.Add(new BoundWrapper
                {
                    Spec = wrapper,
                    Sql = Statement(wrapper, best.Function, values, prefix),
                    Function = Display(best.Function),
                    ValueParameters = values.Select(p => p.Name).ToEquatableArray(),
                });
            }

            return new WrapperOutput { Wrappers = bound.ToEquatableArray(), Diagnostics = diagnostics.ToEquatableArray() };
        }

        private static List<DiagnosticInfo> Check(WrapperSpec wrapper, FunctionModel function, IReadOnlyList<EnumMapping> enums, string prefix)
        {
            var problems = new List<DiagnosticInfo>();
            var method = wrapper.MethodName;
            var passed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var parameter in wrapper.Parameters.Where(p => p.Role == ParameterRole.Value))
            {
                var target = Find(function, parameter.Name, prefix);
                if (target == null)
                {
                    var close = NameSuggestions.Closest(SqlNaming.ToSnakeCaseOrAsIs(parameter.Name), function.Parameters.Where(p => !passed.Contains(p.Name)).Select(p => Strip(p.Name, prefix)), 3);
                    var hint = close.Count == 0 ? $"its parameters are {List(function.Parameters.Select(p => p.Name))}"
                        : "did you mean " + string.Join(" or ", close.Select(c => $"'{CamelCase(c)}' ({prefix}{c})")) + "?";
                    problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ParameterMismatch, At(wrapper, parameter),
                        $"'{method}' passes '{parameter.Name}' as {prefix}{SqlNaming.ToSnakeCaseOrAsIs(parameter.Name)}, which {Display(function)} does not have; {hint}")
                        with { Suggested = close.Count == 0 ? null : string.Join(",", close.Select(CamelCase)) });
                    continue;
                }

                passed.Add(target.Name);
                var mismatch = SqlTypeFit.Mismatch(target.Type, parameter.Kind, enums);
                if (mismatch != null && !(parameter.Kind is ClrKind.Other))
                    problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ParameterMismatch, At(wrapper, parameter),
                        $"'{method}' passes '{parameter.Name}' ({KindName(parameter.Kind)}) as {target.Name}, which is {target.Type} in {Display(function)}; use {mismatch}"));
            }

            foreach (var missing in function.Parameters.Where(p => !p.HasDefault && !passed.Contains(p.Name)))
                problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ParameterMismatch, At(wrapper),
                    $"'{method}' does not pass {missing.Name}, which {Display(function)} requires; add a parameter '{CamelCase(Strip(missing.Name, prefix))}' ({missing.Type})"));

            CheckResult(wrapper, function, enums, problems);
            return problems;
        }

        private static void CheckResult(WrapperSpec wrapper, FunctionModel function, IReadOnlyList<EnumMapping> enums, List<DiagnosticInfo> problems)
        {
            if (wrapper.Shape == ResultShape.None)
                return;

            if (wrapper.ElementIsRecord)
            {
                if (function.Columns.IsEmpty)
                {
                    problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ResultMismatch, At(wrapper),
                        $"'{wrapper.MethodName}' reads rows of {Readable(wrapper.ElementType)}, but {Display(function)} returns {function.Returns}, not a table; return that value instead"));
                    return;
                }

                foreach (var member in wrapper.Members)
                {
                    var column = function.Columns.FirstOrDefault(c => c.Name == SqlNaming.ToSnakeCaseOrAsIs(member.Name));
                    if (column == null)
                    {
                        problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ResultMismatch, new DiagnosticTarget.Declaration(member.DeclarationId, Fallback: wrapper.DeclarationId),
                            $"'{member.Name}' of {Readable(wrapper.ElementType)} reads column {SqlNaming.ToSnakeCaseOrAsIs(member.Name)}, which {Display(function)} does not return; its columns are {List(function.Columns.Select(c => c.Name))}"));
                        continue;
                    }

                    var mismatch = SqlTypeFit.Mismatch(column.Type, member.Kind, enums);
                    if (mismatch != null)
                        problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ResultMismatch, new DiagnosticTarget.Declaration(member.DeclarationId, Fallback: wrapper.DeclarationId),
                            $"'{member.Name}' of {Readable(wrapper.ElementType)} is {KindName(member.Kind)}, but column {column.Name} of {Display(function)} is {column.Type}; use {mismatch}"));
                }

                return;
            }

            // A single value: the function's result type, or its only column.
            var type = function.Columns.Count == 1 ? function.Columns[0].Type : function.Columns.IsEmpty ? function.Returns : null;
            if (type == null)
            {
                problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ResultMismatch, At(wrapper),
                    $"'{wrapper.MethodName}' reads one value, but {Display(function)} returns {function.Columns.Count} columns; return a record with a property per column"));
                return;
            }

            var valueMismatch = SqlTypeFit.Mismatch(type, wrapper.ElementKind!, enums);
            if (valueMismatch != null)
                problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ResultMismatch, At(wrapper),
                    $"'{wrapper.MethodName}' reads {KindName(wrapper.ElementKind!)}, but {Display(function)} returns {type}; use {valueMismatch}"));
        }

        // SELECT columns FROM schema.fn(p_a => $1::type, …): named notation, so the order of C# parameters does not matter.
        // A VARIADIC parameter takes the whole array, which named notation passes only with VARIADIC in front.
        private static string Statement(WrapperSpec wrapper, FunctionModel function, List<WrapperParameter> values, string prefix)
        {
            var variadic = VariadicParameter(function.Definition);
            var arguments = string.Join(", ", values.Select((p, i) =>
            {
                var target = Find(function, p.Name, prefix)!;
                return $"{(target.Name == variadic ? "VARIADIC " : "")}{SqlSyntax.Identifier(target.Name)} => ${i + 1}::{target.Type}";
            }));
            var call = SqlSyntax.QualifiedName(function.Schema, function.Name) + "(" + arguments + ")";
            if (wrapper.ElementIsRecord)
                return "SELECT " + string.Join(", ", wrapper.Members.Select(m => SqlSyntax.Identifier(SqlNaming.ToSnakeCaseOrAsIs(m.Name)))) + " FROM " + call;
            return function.Columns.IsEmpty ? "SELECT " + call : "SELECT " + SqlSyntax.Identifier(function.Columns[0].Name) + " FROM " + call;
        }

        // The name of the parameter declared VARIADIC in the definition's parameter list (it starts at the definition's
        // first parenthesis), or null when there is none.
        private static string? VariadicParameter(string definition)
        {
            var tokens = SqlLexer.Tokens(definition);
            var depth = 0;
            var partStart = true;
            for (var i = 0; i < tokens.Count; i++)
            {
                var token = tokens[i];
                if (token.IsSymbol("("))
                    depth++;
                else if (token.IsSymbol(")") && --depth == 0)
                    return null;
                else if (depth == 1 && partStart && token.Is("variadic"))
                    return i + 2 < tokens.Count && tokens[i + 1].IsIdentifier && !tokens[i + 2].IsSymbol(")") && !tokens[i + 2].IsSymbol(",") ? tokens[i + 1].Value : null;
                partStart = depth == 1 && (token.IsSymbol("(") || token.IsSymbol(","));
            }

            return null;
        }

        private static FunctionParameter? Find(FunctionModel function, string csharpName, string prefix)
        {
            var snake = SqlNaming.ToSnakeCaseOrAsIs(csharpName);
            return function.Parameters.FirstOrDefault(p => p.Name == prefix + snake) ?? function.Parameters.FirstOrDefault(p => p.Name == snake);
        }

        private static string Strip(string name, string prefix) =>
            prefix.Length > 0 && name.StartsWith(prefix, StringComparison.Ordinal) ? name.Substring(prefix.Length) : name;

        private static string CamelCase(string snake)
        {
            var parts = snake.Split(new[] { '_' }, StringSplitOptions.RemoveEmptyEntries);
            return string.Concat(parts.Select((p, i) => i == 0 ? p : char.ToUpperInvariant(p[0]) + p.Substring(1)));
        }

        private static DiagnosticTarget At(WrapperSpec wrapper, WrapperParameter? parameter = null) =>
            new DiagnosticTarget.Declaration(wrapper.DeclarationId, parameter?.Name);

        private static string KindName(ClrKind kind) => kind switch
        {
            ClrKind.EnumType e => WithoutGlobal(e.TypeReference),
            ClrKind.Other o => WithoutGlobal(o.TypeReference),
            ClrKind.ArrayOf a => KindName(a.Element) + "[]",
            ClrKind.Json => "JSON",
            ClrKind.Scalar scalar => scalar.Type.CSharpName(),
            _ => kind.ToString(),
        };

        private static string WithoutGlobal(string typeReference) =>
            typeReference.StartsWith("global::", StringComparison.Ordinal) ? typeReference.Substring("global::".Length) : typeReference;

        private static string Readable(string? type) => type?.Replace("global::", "") ?? "";

        private static string List(IEnumerable<string> names)
        {
            var all = names.ToList();
            return all.Count == 0 ? "(none)" : string.Join(", ", all);
        }

        private static string Display(FunctionModel function) =>
            SqlSyntax.QualifiedName(function.Schema, function.Name) + "(" + string.Join(", ", function.Parameters.Select(p => p.Name)) + ")";
    }
}
