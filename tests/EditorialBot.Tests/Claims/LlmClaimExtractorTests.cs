using System.Text.Json;
using System.Text.Json.Nodes;
using EditorialBot.Workflow.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EditorialBot.Tests.Claims;

public sealed class LlmClaimExtractorTests : IAsyncLifetime
{
    private const string Note = "---\ntitle: t\n---\n\n大家好。\n\n路透社在2023年9月份指出，中国正在筹划400亿美元的大基金。\n\n我觉得这个挺好。\n\n华为计划明年推出新的芯片。\n";

    private WebApplication? _app;
    private Func<HttpContext, Task> _respond = static _ => Task.CompletedTask;
    private readonly List<JsonNode> _requests = [];
    private readonly List<string?> _authorization = [];
    private Uri _endpoint = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/v1/chat/completions", async context =>
        {
            _requests.Add(JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!);
            _authorization.Add(context.Request.Headers.Authorization.FirstOrDefault());
            await _respond(context);
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _endpoint = new Uri(address + "/v1");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private LlmClaimExtractor Extractor(TimeSpan? timeout = null) =>
        new(new HttpClient(), new LlmClaimOptions(_endpoint, "test-model", "secret-key", timeout ?? TimeSpan.FromSeconds(30)), new RuleClaimExtractor());

    private void AnswerWith(string content, int status = 200) => _respond = async context =>
    {
        context.Response.StatusCode = status;
        var body = new JsonObject { ["choices"] = new JsonArray(new JsonObject { ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content } }) };
        await context.Response.WriteAsync(body.ToJsonString());
    };

    [Fact]
    public async Task Uses_the_sentences_the_model_picks_by_index()
    {
        AnswerWith("""{"claims":[{"index":3,"kind":"prediction","score":0.8},{"index":1,"kind":"attribution","score":0.95}]}""");

        var extraction = await Extractor().ExtractAsync(Note, CancellationToken.None);

        Assert.Equal(LlmClaimExtractor.Name, extraction.Extractor);
        Assert.Equal(["attribution", "prediction"], extraction.Claims.Select(static c => c.Kind));
        Assert.Equal([7, 11], extraction.Claims.Select(static c => c.Line));
        Assert.Equal([0.95, 0.8], extraction.Claims.Select(static c => c.Score));
        Assert.Equal("llm:test-model", extraction.Claims[0].Reasons[0]);
        Assert.Equal(4.0e10, extraction.Claims[0].Values.Single(static v => v.Type == "money").Value);

        var request = Assert.Single(_requests);
        Assert.Equal("test-model", request["model"]!.GetValue<string>());
        var user = request["messages"]![1]!["content"]!.GetValue<string>();
        Assert.Contains("1: 路透社在2023年9月份指出", user);
        Assert.Contains("3: 华为计划明年推出新的芯片。", user);
        Assert.Equal("Bearer secret-key", Assert.Single(_authorization));
    }

    [Fact]
    public async Task Keeps_the_rule_ids_so_verdicts_survive_a_backend_switch()
    {
        AnswerWith("""{"claims":[{"index":1,"kind":"attribution","score":0.9}]}""");
        var llm = await Extractor().ExtractAsync(Note, CancellationToken.None);
        var rules = new RuleClaimExtractor().Extract(Note);
        Assert.Equal(rules.Claims.Single(static c => c.Line == 7).Id, llm.Claims.Single().Id);
    }

    [Theory]
    [InlineData("not json at all", 200, "unusable")]
    [InlineData("""{"claims":[{"index":99,"kind":"quantity"}]}""", 200, "out of range")]
    [InlineData("""{"answer":"none"}""", 200, "unusable")]
    [InlineData("{}", 500, "HTTP 500")]
    public async Task Falls_back_to_the_rules_on_a_bad_answer(string content, int status, string reason)
    {
        AnswerWith(content, status);

        var extraction = await Extractor().ExtractAsync(Note, CancellationToken.None);

        Assert.StartsWith(RuleClaimExtractor.Name + " (llm", extraction.Extractor);
        Assert.Contains(reason, extraction.Extractor);
        Assert.Equal(
            JsonSerializer.Serialize(new RuleClaimExtractor().Extract(Note).Claims),
            JsonSerializer.Serialize(extraction.Claims));
    }

    [Fact]
    public async Task Falls_back_to_the_rules_when_the_model_is_too_slow()
    {
        var release = new TaskCompletionSource();
        _respond = async _ => await release.Task;
        try
        {
            var extraction = await Extractor(TimeSpan.FromMilliseconds(200)).ExtractAsync(Note, CancellationToken.None);
            Assert.Contains("timed out", extraction.Extractor);
            Assert.Equal(new RuleClaimExtractor().Extract(Note).Claims.Count, extraction.Claims.Count);
        }
        finally
        {
            release.SetResult();
        }
    }

    [Fact]
    public async Task Falls_back_when_nothing_listens_on_the_endpoint()
    {
        var options = new LlmClaimOptions(new Uri("http://127.0.0.1:9/v1"), "m", null, TimeSpan.FromSeconds(5));
        var extraction = await new LlmClaimExtractor(new HttpClient(), options, new RuleClaimExtractor()).ExtractAsync(Note, CancellationToken.None);
        Assert.StartsWith("rules (llm", extraction.Extractor);
        Assert.NotEmpty(extraction.Claims);
    }

    [Theory]
    [InlineData("http://127.0.0.1:1/v1", "http://127.0.0.1:1/v1/chat/completions")]
    [InlineData("http://127.0.0.1:1/v1/", "http://127.0.0.1:1/v1/chat/completions")]
    [InlineData("http://127.0.0.1:1/v1/chat/completions", "http://127.0.0.1:1/v1/chat/completions")]
    public void Accepts_a_base_url_or_the_full_completions_url(string endpoint, string expected) =>
        Assert.Equal(expected, LlmClaimExtractor.CompletionsUri(new Uri(endpoint)).ToString());
}
