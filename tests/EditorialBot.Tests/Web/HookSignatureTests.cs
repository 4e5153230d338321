using System.Text;
using EditorialBot.Bot.Web;
using Microsoft.AspNetCore.Http;

namespace EditorialBot.Tests.Web;

public sealed class HookSignatureTests
{
    // The worked example of GitHub's "Validating webhook deliveries" page (checked with openssl dgst -sha256 -hmac).
    private const string Secret = "It's a Secret to Everybody";
    private static readonly byte[] s_body = Encoding.UTF8.GetBytes("Hello, World!");
    private const string Expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    [Fact]
    public void Signs_like_the_forge() => Assert.Equal(Expected, HookSignature.Sign(Secret, s_body));

    [Theory]
    [InlineData("X-Hub-Signature-256", Expected, true)]
    [InlineData("X-Hub-Signature-256", "sha256=757107EA0EB2509FC211221CCE984B8A37570B6D7586C22C46F4379C8B043E17", true)]
    [InlineData("X-Gitea-Signature", "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", true)]
    [InlineData("X-Forgejo-Signature", "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", true)]
    [InlineData("X-Hub-Signature-256", "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", false)]
    [InlineData("X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18", false)]
    [InlineData("X-Hub-Signature-256", "sha256=757107ea", false)]
    [InlineData("X-Hub-Signature-256", "sha256=not-hex", false)]
    [InlineData("X-Hub-Signature-256", "sha1=01ec9e3ed6e1bd6a8c0ac0f54bfd4b45ab4cd8a7", false)]
    [InlineData("X-Other-Signature", "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", false)]
    public void Checks_the_header(string header, string value, bool valid)
    {
        var headers = new HeaderDictionary { [header] = value };
        Assert.Equal(valid, HookSignature.IsValid(Secret, s_body, headers));
    }

    [Fact]
    public void An_empty_secret_never_verifies()
    {
        var headers = new HeaderDictionary { ["X-Hub-Signature-256"] = HookSignature.Sign("", s_body) };
        Assert.False(HookSignature.IsValid("", s_body, headers));
    }
}
