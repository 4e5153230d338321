using System.Text.Json;
using System.Text.Json.Serialization;
using EditorialBot.Bot.Discord.Models;

namespace EditorialBot.Bot.Discord;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = false)]
[JsonSerializable(typeof(GatewayPayload))]
[JsonSerializable(typeof(Hello))]
[JsonSerializable(typeof(GatewayBot))]
[JsonSerializable(typeof(Identify))]
[JsonSerializable(typeof(Resume))]
[JsonSerializable(typeof(Ready))]
[JsonSerializable(typeof(Guild))]
[JsonSerializable(typeof(MessageReactionAdd))]
[JsonSerializable(typeof(MessageReactionRemove))]
[JsonSerializable(typeof(Interaction))]
[JsonSerializable(typeof(InteractionResponse))]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(MessageCreate))]
[JsonSerializable(typeof(MessageEdit))]
[JsonSerializable(typeof(StartThread))]
[JsonSerializable(typeof(ModifyThread))]
[JsonSerializable(typeof(List<Message>))]
[JsonSerializable(typeof(Channel))]
[JsonSerializable(typeof(User))]
[JsonSerializable(typeof(List<User>))]
[JsonSerializable(typeof(GuildMember))]
[JsonSerializable(typeof(List<Role>))]
[JsonSerializable(typeof(Application))]
[JsonSerializable(typeof(List<ApplicationCommand>))]
[JsonSerializable(typeof(IReadOnlyList<ApplicationCommand>))]
[JsonSerializable(typeof(DiscordErrorBody))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class DiscordJsonContext : JsonSerializerContext;
