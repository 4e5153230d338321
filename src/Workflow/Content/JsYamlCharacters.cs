namespace EditorialBot.Workflow.Content;

/// <summary>
/// The characters js-yaml (Eleventy's parser) refuses in a document: a NUL anywhere ("null byte is not allowed in
/// input") and the C0/C1 controls and U+FFFE/U+FFFF of its <c>PATTERN_NON_PRINTABLE</c> ("the stream contains
/// non-printable characters"). js-yaml checks the latter only in scalars it captures; we check the whole front matter,
/// so a control character inside a comment is refused too (a stricter reading, never a looser one).
/// </summary>
internal static class JsYamlCharacters
{
    public static (int Index, string Message)? FirstRefused(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return (i, "the front matter contains a NUL character (U+0000), which Eleventy's YAML parser refuses");
            }
            if (IsNonPrintable(c))
            {
                return (i, $"the front matter contains the control character U+{(int)c:X4}, which Eleventy's YAML parser refuses");
            }
        }
        return null;
    }

    // js-yaml: /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/ (tab, LF, CR and NEL are allowed).
    private static bool IsNonPrintable(char c) =>
        c <= '\x08' || c is '\x0B' or '\x0C' || (c >= '\x0E' && c <= '\x1F') || (c >= '\x7F' && c <= '\x84') || (c >= '\x86' && c <= '\x9F')
        || c is '\uFFFE' or '\uFFFF';
}
