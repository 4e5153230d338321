using System.Buffers;
using System.Security.Cryptography;

namespace EditorialBot.Workflow.Content;

/// <summary>A note read whole from disk: the parse, the hashes the review flow keys on, and the stat that was read.</summary>
internal sealed record NoteFile(
    string FullPath,
    FrontMatterResult FrontMatter,
    string ContentHash,
    string BodyHash,
    long Length,
    DateTime LastWriteTimeUtc)
{
    /// <summary>Reads all bytes, parses the front matter, hashes the file (SHA-256 hex) and the body after the closing fence.</summary>
    public static NoteFile Read(string fullPath, DraftDialect dialect = DraftDialect.Eleventy)
    {
        var (bytes, length, mtime) = ReadAll(fullPath);
        return FromBytes(fullPath, bytes, length, mtime, dialect);
    }

    internal static NoteFile FromBytes(string fullPath, byte[] bytes, long length, DateTime mtime, DraftDialect dialect)
    {
        var parse = Content.FrontMatter.Parse(bytes, dialect);
        return new NoteFile(fullPath, parse, Hash(bytes), Hash(bytes.AsSpan(parse.BodyByteOffset)), length, mtime);
    }

    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The bytes with the length and modification time of the same open handle (so they belong together).</summary>
    internal static (byte[] Bytes, long Length, DateTime LastWriteTimeUtc) ReadAll(string fullPath)
    {
        using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        var mtime = File.GetLastWriteTimeUtc(stream.SafeFileHandle);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return (bytes, bytes.LongLength, mtime);
    }

    /// <summary>
    /// Reads only as far as the front matter needs (up to the closing fence, or the size cap) and parses that. What a
    /// scan uses: a 30 KB note costs one 4 KB read when its front matter is short.
    /// </summary>
    public static FrontMatterResult ReadFrontMatter(string fullPath, DraftDialect dialect = DraftDialect.Eleventy)
    {
        using var handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        const int chunk = 8 * 1024;
        var limit = FrontMatterLocator.MaxFrontMatterBytes + chunk;
        var buffer = ArrayPool<byte>.Shared.Rent(chunk);
        try
        {
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var read = RandomAccess.Read(handle, buffer.AsSpan(filled), filled);
                filled += read;
                var head = buffer.AsSpan(0, filled);
                if (read == 0 || filled >= limit || !NeedsMore(head))
                {
                    return Content.FrontMatter.Parse(head, dialect);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>True while the head read so far may not decide the front matter yet (the caller stops at end of file).</summary>
    private static bool NeedsMore(ReadOnlySpan<byte> head)
    {
        var location = FrontMatterLocator.Locate(head);
        return location.Kind switch
        {
            FenceKind.Unclosed or FenceKind.TooLarge => true,
            // The first line (or the closing line) may be cut off by the read.
            FenceKind.None or FenceKind.Unsupported => head.IndexOf((byte)'\n') < 0,
            FenceKind.Closed => location.BodyOffset == head.Length && head[^1] != (byte)'\n',
            _ => false,
        };
    }
}
