using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace EditorialBot.Bot.Web;

/// <summary>Every answer of the web endpoints: a small JSON object, never cached.</summary>
internal static class JsonReply
{
    // Read by people and forges' delivery logs, never embedded in HTML: quotes and Chinese stay as they are.
    private static readonly JsonSerializerOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteAsync(HttpContext http, int status, JsonObject answer)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        // A probe's or a hook's answer is about now: never cached by a proxy.
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(answer.ToJsonString(s_options), http.RequestAborted);
    }
}
