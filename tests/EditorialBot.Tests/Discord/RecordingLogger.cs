using Microsoft.Extensions.Logging;

namespace EditorialBot.Tests.Discord;

/// <summary>Keeps every log line so a test can wait for the client to have reached a point ("rate limited ...") without sleeping.</summary>
internal sealed class LogSink
{
    private readonly Lock _lock = new();
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Done)> _waiters = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }

    public void Add(string line)
    {
        List<TaskCompletionSource<string>> done = [];
        lock (_lock)
        {
            _lines.Add(line);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(line))
                {
                    done.Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }
        done.ForEach(d => d.TrySetResult(line));
    }

    public Task<string> WaitForAsync(string fragment, TimeSpan? timeout = null)
    {
        var tcs = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            var existing = _lines.FirstOrDefault(l => l.Contains(fragment, StringComparison.Ordinal));
            if (existing is not null)
            {
                return Task.FromResult(existing);
            }
            _waiters.Add((l => l.Contains(fragment, StringComparison.Ordinal), tcs));
        }
        return tcs.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
    }
}

internal sealed class RecordingLogger<T>(LogSink sink) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        sink.Add($"{logLevel}: {formatter(state, exception)}");
}
