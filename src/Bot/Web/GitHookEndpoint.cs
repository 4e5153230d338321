using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using EditorialBot.Workflow.Content;
using EditorialBot.Workflow.Git;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EditorialBot.Bot.Web;

/// <summary>
/// <c>POST /hooks/git</c>: a forge's push webhook (GitHub, Gitea, Forgejo, Gogs). Only a correctly signed push to the
/// watched branch (<c>Git:Branch</c>, else the branch checked out) asks for a sweep, which pulls first; everything else
/// is answered and does nothing. The signature is checked before the body is parsed.
/// </summary>
internal sealed class GitHookEndpoint(IOptions<GitOptions> gitOptions, IOptions<ContentOptions> content, RecentDeliveries deliveries, PushSweeps sweeps, ILogger<GitHookEndpoint> log)
{
    public const string Path = "/hooks/git";
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>How much of a refused body Kestrel reads and discards after the 413 (see <see cref="WebServer"/>).</summary>
    public const int DrainedBodyBytes = 8 * MaxBodyBytes;

    private GitOptions Git => gitOptions.Value;

    private static readonly string[] s_eventHeaders = ["X-GitHub-Event", "X-Gitea-Event", "X-Forgejo-Event", "X-Gogs-Event"];
    private static readonly string[] s_deliveryHeaders = ["X-GitHub-Delivery", "X-Gitea-Delivery", "X-Forgejo-Delivery", "X-Gogs-Delivery"];

    public async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var cancellationToken = http.RequestAborted;
        if (request.ContentLength > MaxBodyBytes)
        {
            await ReplyAsync(http, StatusCodes.Status413PayloadTooLarge, "too large", $"the body is over {MaxBodyBytes} bytes");
            return;
        }
        var body = await ReadAtMostAsync(request.Body, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            await ReplyAsync(http, StatusCodes.Status413PayloadTooLarge, "too large", $"the body is over {MaxBodyBytes} bytes");
            return;
        }
        if (!HookSignature.IsValid(Git.WebhookSecret, body, request.Headers))
        {
            log.LogWarning("Webhook from {Remote} refused: missing or wrong signature", http.Connection.RemoteIpAddress);
            await ReplyAsync(http, StatusCodes.Status401Unauthorized, "unauthorized", $"missing or wrong {HookSignature.GitHubHeader}");
            return;
        }
        var kind = First(request.Headers, s_eventHeaders);
        if (kind is null)
        {
            await ReplyAsync(http, StatusCodes.Status400BadRequest, "bad request", "no X-GitHub-Event (or X-Gitea-Event, X-Forgejo-Event) header");
            return;
        }
        PushFacts? push = null;
        if (kind == "push")
        {
            push = PushFacts.Read(body);
            if (push is null)
            {
                await ReplyAsync(http, StatusCodes.Status400BadRequest, "bad request", "a push event whose body is not JSON with a string 'ref'");
                return;
            }
        }
        var delivery = First(request.Headers, s_deliveryHeaders);
        if (delivery is not null && !deliveries.TryAdd(delivery))
        {
            await ReplyAsync(http, StatusCodes.Status200OK, "ignored", $"delivery {delivery} was handled already");
            return;
        }
        if (push is null)
        {
            // "ping" when the hook is added, or an event the hook should not send: the forge only needs an answer.
            await ReplyAsync(http, StatusCodes.Status202Accepted, "ignored", $"'{kind}' events do not start a sweep");
            return;
        }
        var watched = await WatchedBranchAsync(cancellationToken);
        if (watched is not null && push.Ref != $"refs/heads/{watched}")
        {
            await ReplyAsync(http, StatusCodes.Status202Accepted, "ignored", $"a push to {push.Ref}; the site is refs/heads/{watched}");
            return;
        }
        if (push.Deleted)
        {
            await ReplyAsync(http, StatusCodes.Status202Accepted, "ignored", $"{push.Ref} was deleted; nothing to pull");
            return;
        }
        log.LogInformation("Push to {Ref} of {Repository} (delivery {Delivery}): sweep requested", push.Ref, push.Repository ?? "?", delivery ?? "?");
        sweeps.Request();
        await ReplyAsync(http, StatusCodes.Status202Accepted, "sweep requested", $"a push to {push.Ref}");
    }

    /// <summary>Git:Branch, else the branch checked out in the content folder; null when neither is known (then any push sweeps).</summary>
    private async Task<string?> WatchedBranchAsync(CancellationToken cancellationToken)
    {
        if (Git.Branch is { Length: > 0 } configured)
        {
            return configured;
        }
        try
        {
            return (await GitRepository.OpenAsync(content.Value.FullRoot, Git, cancellationToken)).Branch;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or GitTimeoutException)
        {
            log.LogWarning("Cannot tell which branch the content folder follows ({Error}); any push starts a sweep", ex.Message);
            return null;
        }
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> (read no further than that).</summary>
    internal static async Task<byte[]?> ReadAtMostAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            using MemoryStream kept = new();
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (kept.Length + read > limit)
                {
                    return null;
                }
                kept.Write(buffer, 0, read);
            }
            return kept.ToArray();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own limit (a chunked body past MaxRequestBodySize).
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string? First(IHeaderDictionary headers, string[] names) =>
        names.Select(n => headers[n].ToString()).FirstOrDefault(v => v.Length > 0);

    private static Task ReplyAsync(HttpContext http, int status, string outcome, string detail) =>
        JsonReply.WriteAsync(http, status, new JsonObject { ["status"] = outcome, ["detail"] = detail });

    /// <summary>What a push payload says that matters here: <c>ref</c>, <c>deleted</c>, <c>repository.full_name</c>.</summary>
    private sealed record PushFacts(string Ref, bool Deleted, string? Repository)
    {
        public static PushFacts? Read(byte[] body)
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                var root = json.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("ref", out var reference) || reference.ValueKind != JsonValueKind.String)
                {
                    return null;
                }
                var deleted = root.TryGetProperty("deleted", out var d) && d.ValueKind == JsonValueKind.True;
                var repository = root.TryGetProperty("repository", out var r) && r.ValueKind == JsonValueKind.Object
                    && r.TryGetProperty("full_name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
                return new PushFacts(reference.GetString()!, deleted, repository);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
