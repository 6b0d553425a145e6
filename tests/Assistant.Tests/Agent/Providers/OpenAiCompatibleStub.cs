using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BankingLlm.Assistant.Tests.Agent.Providers;

/// <summary>One tool call of a scripted model reply; <see cref="Name"/> in Semantic Kernel's "plugin-function" form.</summary>
public sealed record StubToolCall(string Name, string ArgumentsJson, string? Id = null);

/// <summary>What the stub answers to one request.</summary>
/// <param name="Status">HTTP status.</param>
/// <param name="Text">Assistant text of a 2xx chat completion (may be null with tool calls).</param>
/// <param name="ToolCalls">Tool calls of a 2xx chat completion.</param>
/// <param name="RawBody">When set, sent verbatim (non-streaming) instead of a generated body: errors, malformed JSON,
/// recorded responses.</param>
/// <param name="Delay">Wait before answering (to exercise timeouts); the wait ends if the client goes away.</param>
public sealed record StubResponse(
    int Status = 200,
    string? Text = null,
    IReadOnlyList<StubToolCall>? ToolCalls = null,
    string? RawBody = null,
    TimeSpan Delay = default)
{
    /// <summary>True when the response is a chat completion the stub can also stream.</summary>
    public bool IsCompletion => Status is >= 200 and < 300 && (Text is not null || ToolCalls is { Count: > 0 });
}

/// <summary>One request the stub received.</summary>
public sealed record StubRequest(string Method, string Path, string Query, string Body, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The body parsed as JSON (null when it is not JSON).</summary>
    public JsonNode? Json
    {
        get
        {
            try
            {
                return JsonNode.Parse(Body);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>True when the client asked for server-sent events.</summary>
    public bool IsStreaming => Json?["stream"]?.GetValueKind() == JsonValueKind.True;
}

/// <summary>
/// An in-process OpenAI-compatible chat completions server for tests (Kestrel on 127.0.0.1, a free port). It serves
/// <c>POST .../chat/completions</c> — OpenAI's <c>/v1/chat/completions</c> and Azure's
/// <c>/openai/deployments/{deployment}/chat/completions?api-version=...</c> — from a scripted queue, records every
/// request, and streams (SSE <c>data:</c> chunks, then <c>data: [DONE]</c>) when the request has <c>"stream": true</c>.
/// With the queue empty it answers 500 and counts <see cref="UnscriptedRequests"/>.
/// </summary>
/// <remarks>
/// Recorded responses (<see cref="LoadRecorded"/>) are JSON Lines, one response per line, served in order. A line is
/// either a chat completion body as the server sent it (<c>{"id":...,"choices":[...]}</c>, status 200), or an envelope
/// <c>{"status": 429, "body": {...} | "text", "delay_ms": 0}</c>. Blank lines and lines starting with <c>#</c> or
/// <c>//</c> are skipped. A recorded completion is replayed verbatim to non-streaming requests and converted to chunks
/// for streaming ones.
/// </remarks>
public sealed class OpenAiCompatibleStub : IAsyncDisposable
{
    private static readonly JsonSerializerOptions LineOptions = new() { AllowTrailingCommas = true };

    private readonly ConcurrentQueue<StubResponse> _script = new();
    private readonly List<StubRequest> _requests = [];
    private readonly Lock _requestsLock = new();
    private WebApplication? _app;
    private int _sequence;
    private int _unscripted;

    private OpenAiCompatibleStub()
    {
    }

    /// <summary>The server's root, for example <c>http://127.0.0.1:41234/</c> (Azure's Model:Endpoint).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The OpenAI-compatible base URL, <see cref="BaseAddress"/> + <c>v1</c> (OpenAI's Model:Endpoint).</summary>
    public Uri OpenAiEndpoint => new(BaseAddress, "v1");

    /// <summary>The model name put in generated responses.</summary>
    public string ModelName { get; set; } = "stub-model";

    /// <summary>Raw bodies of every request received, in order.</summary>
    public IReadOnlyList<string> Requests => [.. RecordedRequests.Select(r => r.Body)];

    /// <summary>Every request received, in order, with method, path, query and headers.</summary>
    public IReadOnlyList<StubRequest> RecordedRequests
    {
        get
        {
            lock (_requestsLock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Scripted responses not served yet.</summary>
    public int PendingResponses => _script.Count;

    /// <summary>Requests that found the script empty (answered 500).</summary>
    public int UnscriptedRequests => Volatile.Read(ref _unscripted);

    /// <summary>Starts a stub on 127.0.0.1 with a free port.</summary>
    public static async Task<OpenAiCompatibleStub> StartAsync(CancellationToken cancellationToken = default)
    {
        var stub = new OpenAiCompatibleStub();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(stub.HandleAsync);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        stub.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        stub._app = app;
        return stub;
    }

    /// <summary>Queues any response.</summary>
    public void Enqueue(StubResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        _script.Enqueue(response);
    }

    /// <summary>Queues a plain assistant reply.</summary>
    public void EnqueueText(string text, TimeSpan delay = default) => Enqueue(new StubResponse(Text: text, Delay: delay));

    /// <summary>Queues one tool call (<paramref name="name"/> as "plugin-function"; arguments sent as given, valid JSON or not).</summary>
    public void EnqueueToolCall(string name, string argumentsJson, string? callId = null) =>
        Enqueue(new StubResponse(ToolCalls: [new StubToolCall(name, argumentsJson, callId)]));

    /// <summary>Queues several tool calls in one reply (parallel tool calls).</summary>
    public void EnqueueToolCalls(params StubToolCall[] calls) => Enqueue(new StubResponse(ToolCalls: calls));

    /// <summary>Queues an HTTP error with an OpenAI-style error body.</summary>
    public void EnqueueError(int status, string message = "stub error") =>
        Enqueue(new StubResponse(status, RawBody: new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = status == 429 ? "rate_limit_exceeded" : "server_error", ["code"] = null },
        }.ToJsonString()));

    /// <summary>Queues a 200 whose body is not a chat completion (cut-off JSON).</summary>
    public void EnqueueMalformedJson() => Enqueue(new StubResponse(RawBody: "{\"id\":\"chatcmpl-broken\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"));

    /// <summary>Queues a reply that arrives only after <paramref name="delay"/> (or never, if the client gives up first).</summary>
    public void EnqueueHang(TimeSpan delay) => EnqueueText("late reply", delay);

    /// <summary>Queues the responses of a JSON Lines file (format in the class remarks); returns how many.</summary>
    public int LoadRecorded(string path)
    {
        var count = 0;
        foreach (var line in File.ReadLines(path))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#') || trimmed.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            Enqueue(ParseRecordedLine(trimmed));
            count++;
        }

        return count;
    }

    /// <summary>One line of the recorded format as a response.</summary>
    public static StubResponse ParseRecordedLine(string line)
    {
        var node = JsonNode.Parse(line, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = LineOptions.AllowTrailingCommas })
            ?? throw new FormatException("A recorded response line is null.");
        var status = 200;
        var delay = TimeSpan.Zero;
        JsonNode? body = node;
        if (node is JsonObject envelope && envelope["status"] is JsonValue statusValue)
        {
            status = statusValue.GetValue<int>();
            delay = TimeSpan.FromMilliseconds(envelope["delay_ms"]?.GetValue<int>() ?? 0);
            body = envelope["body"];
        }

        var raw = body switch
        {
            null => string.Empty,
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            _ => body.ToJsonString(),
        };

        if (status is < 200 or >= 300 || body is not JsonObject completion || completion["choices"]?[0]?["message"] is not JsonObject message)
        {
            return new StubResponse(status, RawBody: raw, Delay: delay);
        }

        var toolCalls = message["tool_calls"] is JsonArray calls
            ? calls.Select(c => new StubToolCall(
                c!["function"]!["name"]!.GetValue<string>(),
                c["function"]!["arguments"]?.GetValue<string>() ?? "{}",
                c["id"]?.GetValue<string>())).ToList()
            : null;
        return new StubResponse(status, message["content"]?.GetValue<string>(), toolCalls, raw, delay);
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var recorded = new StubRequest(request.Method, request.Path.Value ?? string.Empty, request.QueryString.Value ?? string.Empty, body, headers);
        lock (_requestsLock)
        {
            _requests.Add(recorded);
        }

        if (!HttpMethods.IsPost(request.Method) || request.Path.Value?.EndsWith("/chat/completions", StringComparison.Ordinal) != true)
        {
            await WriteAsync(context, 404, "{\"error\":{\"message\":\"OpenAiCompatibleStub serves POST .../chat/completions only\"}}");
            return;
        }

        if (!_script.TryDequeue(out var response))
        {
            Interlocked.Increment(ref _unscripted);
            await WriteAsync(context, 500, "{\"error\":{\"message\":\"OpenAiCompatibleStub: no scripted response left\",\"type\":\"server_error\"}}");
            return;
        }

        if (response.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(response.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var id = $"chatcmpl-stub-{Interlocked.Increment(ref _sequence)}";
        if (recorded.IsStreaming && response.IsCompletion)
        {
            await StreamAsync(context, response, id, recorded.Json?["stream_options"]?["include_usage"]?.GetValueKind() == JsonValueKind.True);
            return;
        }

        if (response.Status == 429)
        {
            context.Response.Headers["retry-after"] = "1";
        }

        await WriteAsync(context, response.Status, response.RawBody ?? Completion(response, id).ToJsonString());
    }

    private JsonObject Completion(StubResponse response, string id) => new()
    {
        ["id"] = id,
        ["object"] = "chat.completion",
        ["created"] = 1_764_000_000,
        ["model"] = ModelName,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = Message(response),
            ["logprobs"] = null,
            ["finish_reason"] = response.ToolCalls is { Count: > 0 } ? "tool_calls" : "stop",
        }),
        ["usage"] = Usage(response),
    };

    private static JsonObject Message(StubResponse response)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = response.Text, ["refusal"] = null };
        if (response.ToolCalls is { Count: > 0 } calls)
        {
            message["tool_calls"] = new JsonArray([.. calls.Select((call, i) => (JsonNode)new JsonObject
            {
                ["id"] = call.Id ?? $"call_stub_{i}",
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.ArgumentsJson },
            })]);
        }

        return message;
    }

    private static JsonObject Usage(StubResponse response)
    {
        var completion = (response.Text?.Length ?? 0) / 4 + (response.ToolCalls?.Sum(c => c.Name.Length + c.ArgumentsJson.Length) ?? 0) / 4 + 1;
        return new JsonObject { ["prompt_tokens"] = 42, ["completion_tokens"] = completion, ["total_tokens"] = 42 + completion };
    }

    private async Task StreamAsync(HttpContext context, StubResponse response, string id, bool includeUsage)
    {
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";

        await SendChunkAsync(context, Chunk(id, new JsonObject { ["role"] = "assistant", ["content"] = string.Empty }, finishReason: null));

        if (response.Text is { Length: > 0 } text)
        {
            foreach (var piece in Pieces(text, size: 8))
            {
                await SendChunkAsync(context, Chunk(id, new JsonObject { ["content"] = piece }, finishReason: null));
            }
        }

        var calls = response.ToolCalls ?? [];
        for (var i = 0; i < calls.Count; i++)
        {
            var call = calls[i];
            await SendChunkAsync(context, Chunk(id, new JsonObject
            {
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["index"] = i,
                    ["id"] = call.Id ?? $"call_stub_{i}",
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = string.Empty },
                }),
            }, finishReason: null));

            foreach (var piece in Pieces(call.ArgumentsJson, size: 6))
            {
                await SendChunkAsync(context, Chunk(id, new JsonObject
                {
                    ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = i, ["function"] = new JsonObject { ["arguments"] = piece } }),
                }, finishReason: null));
            }
        }

        await SendChunkAsync(context, Chunk(id, [], calls.Count > 0 ? "tool_calls" : "stop"));
        if (includeUsage)
        {
            var usageChunk = Chunk(id, [], finishReason: null);
            usageChunk["choices"] = new JsonArray();
            usageChunk["usage"] = Usage(response);
            await SendChunkAsync(context, usageChunk);
        }

        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private JsonObject Chunk(string id, JsonObject delta, string? finishReason) => new()
    {
        ["id"] = id,
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_764_000_000,
        ["model"] = ModelName,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finishReason }),
    };

    private static async Task SendChunkAsync(HttpContext context, JsonObject chunk)
    {
        await context.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static IEnumerable<string> Pieces(string text, int size)
    {
        for (var i = 0; i < text.Length; i += size)
        {
            yield return text.Substring(i, Math.Min(size, text.Length - i));
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = Encoding.UTF8.GetByteCount(body);
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Formats a response as one line of the recorded format (for a recorder writing JSONL files).</summary>
    public static string ToRecordedLine(int status, string body)
    {
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            parsed = JsonValue.Create(body);
        }

        return new JsonObject { ["status"] = status, ["body"] = parsed }.ToJsonString();
    }
}
