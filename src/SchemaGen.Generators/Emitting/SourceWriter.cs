using System.Text;

namespace SchemaGen.Generators.Emitting
{
    /// <summary>A small indented text writer; lines end with \n on every platform so output is byte-identical.</summary>
    internal sealed class SourceWriter
    {
        private readonly StringBuilder _text = new StringBuilder();
        private int _indent;

        public SourceWriter Line(string line = "")
        {
            if (line.Length > 0)
                _text.Append(' ', _indent * 4).Append(line);
            _text.Append('\n');
            return this;
        }

        public SourceWriter Open(string line)
        {
            Line(line).Line("{");
            _indent++;
            return this;
        }

        public SourceWriter Close(string suffix = "")
        {
            _indent--;
            return Line("}" + suffix);
        }

        /// <summary>Indents the following lines one more level, without a brace.</summary>
        public SourceWriter Indent()
        {
            _indent++;
            return this;
        }

        /// <summary>Undoes <see cref="Indent"/>.</summary>
        public SourceWriter Outdent()
        {
            _indent--;
            return this;
        }

        public override string ToString() => _text.ToString();
    }
}
