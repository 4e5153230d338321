using System.Buffers;
using System.Security.Cryptography;

namespace EditorialBot.Workflow.Content;

/// <summary>A note read from disk: the parse, the hashes the review flow keys on, and the stat that was read.</summary>
internal sealed record NoteFile(
    string FullPath,
    FrontMatterResult FrontMatter,
    string ContentHash,
    string BodyHash,
    long Length,
    DateTime LastWriteTimeUtc)
{
    /// <summary>Default of <c>Content:MaxNoteBytes</c>: notes larger than this are hashed and published, but not read for claims or cards.</summary>
    public const long DefaultMaxBytes = 8 * 1024 * 1024;

    private const int HashChunk = 1024 * 1024;

    /// <summary>Reads the note, parses the front matter, hashes the file (SHA-256 hex) and the body after the closing fence.</summary>
    public static NoteFile Read(string fullPath, DraftDialect dialect = DraftDialect.Eleventy) =>
        ReadCapped(fullPath, dialect, long.MaxValue).Note;

    /// <summary>
    /// <see cref="Read"/>, also returning the bytes for claims and cards when the file is at most
    /// <paramref name="maxBytes"/> long. A bigger note is hashed in chunks and its bytes are not kept (null), so a
    /// 200 MB note costs a few MB.
    /// </summary>
    public static (NoteFile Note, byte[]? Bytes) ReadCapped(string fullPath, DraftDialect dialect, long maxBytes)
    {
        using var handle = RegularFile.OpenRead(fullPath);
        var mtime = File.GetLastWriteTimeUtc(handle);
        var length = RandomAccess.GetLength(handle);
        if (length <= maxBytes && length <= Array.MaxLength)
        {
            var bytes = ReadExactly(handle, length);
            return (FromBytes(fullPath, bytes, bytes.LongLength, mtime, dialect), bytes);
        }
        var parse = ParseHead(handle, fullPath, dialect);
        using var content = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var body = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(HashChunk);
        try
        {
            long offset = 0;
            int read;
            while ((read = RandomAccess.Read(handle, buffer.AsSpan(0, HashChunk), offset)) > 0)
            {
                var chunk = buffer.AsSpan(0, read);
                content.AppendData(chunk);
                var bodyFrom = (int)Math.Clamp(parse.BodyByteOffset - offset, 0, read);
                body.AppendData(chunk[bodyFrom..]);
                offset += read;
            }
            var note = new NoteFile(fullPath, parse, Convert.ToHexStringLower(content.GetHashAndReset()), Convert.ToHexStringLower(body.GetHashAndReset()), offset, mtime);
            return (note, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal static NoteFile FromBytes(string fullPath, byte[] bytes, long length, DateTime mtime, DraftDialect dialect)
    {
        var parse = Content.FrontMatter.Parse(bytes, dialect, fullPath);
        return new NoteFile(fullPath, parse, Hash(bytes), Hash(bytes.AsSpan(parse.BodyByteOffset)), length, mtime);
    }

    /// <summary>A note that cannot be read as one (a symlink leaving the content folder, a symlink loop): broken, never a draft.</summary>
    internal static NoteFile Unreadable(string fullPath, string problem, long length, DateTime mtime)
    {
        var hash = Hash(System.Text.Encoding.UTF8.GetBytes(problem));
        return new NoteFile(fullPath, new FrontMatterResult { Error = new FrontMatterError(problem, 1) }, hash, hash, length, mtime);
    }

    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The bytes with the length and modification time of the same open handle (so they belong together).</summary>
    internal static (byte[] Bytes, long Length, DateTime LastWriteTimeUtc) ReadAll(string fullPath)
    {
        using var handle = RegularFile.OpenRead(fullPath);
        var mtime = File.GetLastWriteTimeUtc(handle);
        var bytes = ReadExactly(handle, RandomAccess.GetLength(handle));
        return (bytes, bytes.LongLength, mtime);
    }

    private static byte[] ReadExactly(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long length)
    {
        var bytes = new byte[length];
        var filled = 0;
        while (filled < bytes.Length)
        {
            var read = RandomAccess.Read(handle, bytes.AsSpan(filled), filled);
            if (read == 0)
            {
                // Truncated while reading: what was there is what we read.
                Array.Resize(ref bytes, filled);
                break;
            }
            filled += read;
        }
        return bytes;
    }

    /// <summary>
    /// Reads only as far as the front matter needs (up to the closing fence, or the size cap) and parses that. What a
    /// scan uses: a 30 KB note costs one 4 KB read when its front matter is short.
    /// </summary>
    public static FrontMatterResult ReadFrontMatter(string fullPath, DraftDialect dialect = DraftDialect.Eleventy)
    {
        using var handle = RegularFile.OpenRead(fullPath);
        return ParseHead(handle, fullPath, dialect);
    }

    private static FrontMatterResult ParseHead(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string fullPath, DraftDialect dialect)
    {
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
                if (read == 0 || filled >= limit || !NeedsMore(head, dialect))
                {
                    return Content.FrontMatter.Parse(head, dialect, fullPath);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>True while the head read so far may not decide the front matter yet (the caller stops at end of file).</summary>
    private static bool NeedsMore(ReadOnlySpan<byte> head, DraftDialect dialect)
    {
        var location = FrontMatterLocator.Locate(head, dotsClose: dialect == DraftDialect.Jekyll);
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
