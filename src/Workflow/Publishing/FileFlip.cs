namespace EditorialBot.Workflow.Publishing;

/// <summary>The content engine's publisher, as the review flow calls it.</summary>
internal static class FileFlip
{
    public static FileFlipResult Publish(string fullPath, string expectedHash) =>
        throw new NotSupportedException("waiting for the content publisher");

    public static FileFlipResult Unpublish(string fullPath, string expectedHash, string? previousStatus) =>
        throw new NotSupportedException("waiting for the content publisher");
}

internal enum FlipStatus
{
    Written,
    Refused,
}

internal sealed record FileFlipResult(FlipStatus Status, string? NewHash, string Message);
