using System.Diagnostics;
using System.Text.Json.Nodes;

namespace EditorialBot.FakeDiscord;

/// <summary>One REST request as the fake saw it, with the status it answered.</summary>
public sealed record RecordedRequest(
    long Number, long Timestamp, string Method, string Path, string Route, string? Body,
    string? Authorization, string? UserAgent, string? ContentType, int Status)
{
    /// <summary>"METHOD /template" as used by <see cref="FakeDiscordServer.InjectFault"/> and the rate-limit rules.</summary>
    public string RouteKey => $"{Method} {Route}";

    public JsonObject? Json => Body is { Length: > 0 } ? JsonNode.Parse(Body) as JsonObject : null;

    public TimeSpan ElapsedSince(RecordedRequest earlier) => Stopwatch.GetElapsedTime(earlier.Timestamp, Timestamp);
}

/// <summary>Every request in arrival order; tests wait on it with a timeout instead of sleeping.</summary>
public sealed class RequestLog
{
    private readonly Lock _lock = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<(Func<RecordedRequest, bool> Match, TaskCompletionSource<RecordedRequest> Done)> _waiters = [];
    private long _next;

    public IReadOnlyList<RecordedRequest> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<RecordedRequest> For(string routeKey) => All.Where(r => r.RouteKey == routeKey).ToList();

    public long NextNumber() => Interlocked.Increment(ref _next);

    public void Add(RecordedRequest request)
    {
        List<TaskCompletionSource<RecordedRequest>> done = [];
        lock (_lock)
        {
            _requests.Add(request);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(request))
                {
                    done.Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }
        foreach (var tcs in done)
        {
            tcs.TrySetResult(request);
        }
    }

    /// <summary>The first request (already recorded or still to come) that matches.</summary>
    public Task<RecordedRequest> WaitForAsync(Func<RecordedRequest, bool> match, TimeSpan? timeout = null)
    {
        var tcs = new TaskCompletionSource<RecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            var existing = _requests.FirstOrDefault(match);
            if (existing is not null)
            {
                return Task.FromResult(existing);
            }
            _waiters.Add((match, tcs));
        }
        return tcs.Task.WaitAsync(timeout ?? FakeDiscordServer.DefaultTimeout);
    }

    public Task<RecordedRequest> WaitForAsync(string routeKey, TimeSpan? timeout = null) => WaitForAsync(r => r.RouteKey == routeKey, timeout);
}
