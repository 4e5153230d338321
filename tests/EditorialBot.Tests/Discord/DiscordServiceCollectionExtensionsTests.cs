using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Gateway;
using EditorialBot.Bot.Discord.Rest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EditorialBot.Tests.Discord;

public sealed class DiscordServiceCollectionExtensionsTests
{
    [Fact]
    public async Task Options_bind_from_the_Discord_section()
    {
        await using var provider = Build(new()
        {
            ["Discord:Token"] = "secret-token-value",
            ["Discord:ApiBaseUrl"] = "http://127.0.0.1:1/api/v10",
            ["Discord:GuildId"] = "1300000000000000002",
            ["Discord:EditorRoleIds:0"] = "11",
            ["Discord:EditorRoleIds:1"] = "12",
            ["Discord:IdentifyInterval"] = "00:00:06",
        });
        var options = provider.GetRequiredService<IOptions<DiscordOptions>>().Value;
        Assert.Equal(1300000000000000002UL, options.GuildId);
        Assert.Equal([11UL, 12UL], options.EditorRoleIds);
        Assert.Equal(TimeSpan.FromSeconds(6), options.IdentifyInterval);
        Assert.Equal(1025, options.Intents);
        Assert.DoesNotContain("secret-token-value", options.ToString(), StringComparison.Ordinal);
        Assert.NotNull(provider.GetRequiredService<DiscordGateway>());
    }

    [Fact]
    public void A_missing_token_is_a_clear_error()
    {
        using var provider = Build(new());
        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<DiscordRestClient>());
        Assert.Contains("Discord__Token", ex.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddDiscordClient(configuration).BuildServiceProvider();
    }
}
