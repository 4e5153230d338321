using System.Text.Json;
using System.Text.Json.Serialization;

namespace EditorialBot.Workflow.Channel;

/// <summary>
/// The outbox payloads' JSON, generated at build time: the types a payload can be, and no reflection when a process
/// first queues one (about 40 ms of a one-file <c>publish</c>, bench startup).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ReviewNotice))]
[JsonSerializable(typeof(AdminAlert))]
[JsonSerializable(typeof(ReviewDigest))]
[JsonSerializable(typeof(long))]
internal sealed partial class OutboxJson : JsonSerializerContext;
