using System.Text;

namespace EditorialBot.Workflow.Content;

/// <summary>Replace bytes [Start, End) with Text (UTF-8).</summary>
internal readonly record struct Splice(int Start, int End, string Text)
{
    public static byte[] Apply(byte[] bytes, List<Splice> splices)
    {
        splices.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        using var output = new MemoryStream(bytes.Length + 64);
        var position = 0;
        foreach (var splice in splices)
        {
            if (splice.Start < position)
            {
                throw new InvalidOperationException("overlapping edits");
            }
            output.Write(bytes, position, splice.Start - position);
            output.Write(Encoding.UTF8.GetBytes(splice.Text));
            position = splice.End;
        }
        output.Write(bytes, position, bytes.Length - position);
        return output.ToArray();
    }
}
