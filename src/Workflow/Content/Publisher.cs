namespace EditorialBot.Workflow.Content;

/// <summary>
/// Flips a note between draft and published on disk, changing no other byte. Used by the admin override
/// (<c>publish --force</c>) and by the review flow. Every refusal leaves the file's bytes and modification time alone.
/// </summary>
internal static class Publisher
{
    /// <summary>
    /// Sets <c>draft</c> to <see cref="PublishSettings.DraftValue"/> and <c>status</c> to <see cref="PublishSettings.StatusValue"/>.
    /// With <paramref name="expectedContentHash"/>, refuses (<see cref="PublishOutcome.Changed"/>) if the file is not the one that was reviewed.
    /// </summary>
    public static PublishResult Publish(string contentRoot, string file, PublishSettings settings, DraftDialect dialect, string? expectedContentHash = null)
    {
        var falsy = FrontMatter.Parse(System.Text.Encoding.UTF8.GetBytes($"---\ndraft: {settings.DraftValue}\n---\n"), dialect);
        if (falsy.Error is not null || falsy.IsDraft || falsy.Draft != settings.DraftValue)
        {
            return new PublishResult(PublishOutcome.Refused, file, $"Publishing:DraftValue '{settings.DraftValue}' does not read as 'not a draft'");
        }
        return Edit(contentRoot, file, dialect, expectedContentHash, wantDraft: false,
            new FrontMatterEdit(settings.DraftValue, StatusAction.Set, settings.StatusValue));
    }

    /// <summary>
    /// The reverse of <see cref="Publish"/>: <c>draft</c> back to <paramref name="draftValue"/> (e.g. the
    /// <see cref="PublishResult.PreviousDraft"/> of the publish), and <c>status</c> back to
    /// <paramref name="previousStatus"/> exactly as it was written, or its line removed when null (publish inserted it).
    /// </summary>
    public static PublishResult Unpublish(
        string contentRoot, string file, string draftValue, string? previousStatus, DraftDialect dialect, string? expectedContentHash = null) =>
        Edit(contentRoot, file, dialect, expectedContentHash, wantDraft: true,
            new FrontMatterEdit(draftValue, previousStatus is null ? StatusAction.Remove : StatusAction.SetRaw, previousStatus));

    /// <summary>Start-up cleanup: temp files left by a crash between the write and the rename.</summary>
    public static IReadOnlyList<string> DeleteStaleTempFiles(string contentRoot) => AtomicFile.DeleteStale(contentRoot);

    private static PublishResult Edit(string contentRoot, string file, DraftDialect dialect, string? expectedContentHash, bool wantDraft, FrontMatterEdit edit)
    {
        var (real, problem) = ContentPath.ResolveInside(contentRoot, file);
        if (real is null)
        {
            return new PublishResult(PublishOutcome.Refused, file, problem);
        }
        byte[] bytes;
        DateTime mtime;
        try
        {
            (bytes, _, mtime) = NoteFile.ReadAll(real);
        }
        catch (IOException ex)
        {
            return new PublishResult(PublishOutcome.Refused, file, $"cannot read the file: {ex.Message}");
        }
        var hash = NoteFile.Hash(bytes);
        if (expectedContentHash is not null && !string.Equals(expectedContentHash, hash, StringComparison.OrdinalIgnoreCase))
        {
            return new PublishResult(PublishOutcome.Changed, file, "the file changed since it was read", ContentHash: hash);
        }
        var parsed = FrontMatter.Parse(bytes, dialect, real);
        if (parsed.Error is { MeansNotADraft: true } notFrontMatter && !wantDraft)
        {
            return new PublishResult(PublishOutcome.NotADraft, file, notFrontMatter.Message, notFrontMatter.Line, ContentHash: hash);
        }
        if (parsed.Error is { } error)
        {
            return new PublishResult(PublishOutcome.Refused, file, error.Message, error.Line, ContentHash: hash);
        }
        if (parsed.IsDraft == wantDraft)
        {
            return new PublishResult(wantDraft ? PublishOutcome.AlreadyADraft : PublishOutcome.NotADraft, file, ContentHash: hash);
        }
        var result = FrontMatterEditor.Apply(bytes, parsed, edit, dialect);
        if (result.Bytes is null)
        {
            return new PublishResult(PublishOutcome.Refused, file, result.Refusal!.Message, result.Refusal.Line, ContentHash: hash);
        }
        if (FrontMatter.Parse(result.Bytes, dialect, real).IsDraft != wantDraft)
        {
            return new PublishResult(PublishOutcome.Refused, file, "the edited file would not read as intended", ContentHash: hash);
        }

        // Optimistic concurrency: the file must still be exactly what was parsed.
        var (now, _, nowMtime) = NoteFile.ReadAll(real);
        if (nowMtime != mtime || !now.AsSpan().SequenceEqual(bytes))
        {
            return new PublishResult(PublishOutcome.Changed, file, "the file changed while it was being edited", ContentHash: NoteFile.Hash(now));
        }
        AtomicFile.Replace(real, result.Bytes);
        return new PublishResult(
            wantDraft ? PublishOutcome.Unpublished : PublishOutcome.Published,
            file,
            ContentHash: NoteFile.Hash(result.Bytes),
            PreviousContentHash: hash,
            PreviousDraft: result.PreviousDraft,
            PreviousStatus: result.PreviousStatus,
            StatusInserted: result.StatusInserted);
    }
}
