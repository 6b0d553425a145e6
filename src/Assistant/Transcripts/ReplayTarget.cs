using BankingLlm.Assistant.Hosting;
using BankingLlm.Assistant.Security;
using BankingLlm.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Tokens;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BankingLlm.Assistant.Transcripts;

/// <summary>How the replay server's model is wrapped: recording its responses, or serving recorded ones.</summary>
public sealed record ModelRecordingOptions(string? RecordFile = null, string? ReplayFile = null);

/// <summary>
/// What a replay talks to: the hub address, the data services the engine creates customers with and reads
/// observations from, and a token issuer for each transcript's customer. Either an in-process server (one per run,
/// shared by every transcript) or a running server reached over HTTP with database access of its own.
/// </summary>
public sealed class ReplayTarget : IAsyncDisposable
{
    private readonly Func<ValueTask> _dispose;

    private ReplayTarget(Uri baseAddress, IServiceProvider services, Func<Guid, string> token, ModelTap? tap, ModelSessions sessions, ModelRecorder? recorder, ModelReplayer? replayer, Func<ValueTask> dispose)
    {
        BaseAddress = baseAddress;
        Services = services;
        TokenFor = token;
        Tap = tap;
        Sessions = sessions;
        Recorder = recorder;
        Replayer = replayer;
        _dispose = dispose;
    }

    public Uri BaseAddress { get; }
    public IServiceProvider Services { get; }
    public Func<Guid, string> TokenFor { get; }

    /// <summary>Every model request per session (in-process only; null against a running server).</summary>
    public ModelTap? Tap { get; }

    /// <summary>Which transcript each session plays (for recorded model responses).</summary>
    public ModelSessions Sessions { get; }

    public ModelRecorder? Recorder { get; }
    public ModelReplayer? Replayer { get; }

    /// <summary>
    /// Starts the assistant in this process on a free loopback port. <paramref name="hostArgs"/> are configuration
    /// arguments as for `serve` (none: the private database of this checkout).
    /// </summary>
    public static async Task<ReplayTarget> StartInProcessAsync(IEnumerable<string> hostArgs, ModelRecordingOptions? recording = null, CancellationToken ct = default)
    {
        recording ??= new ModelRecordingOptions();
        if (recording.RecordFile is not null && recording.ReplayFile is not null)
        {
            throw new ArgumentException("Give --record-model or --replay-model, not both.");
        }
        var sessions = new ModelSessions();
        var replayer = recording.ReplayFile is null ? null : new ModelReplayer(ModelRecording.Load(recording.ReplayFile), sessions);
        var recorder = recording.RecordFile is null ? null : new ModelRecorder(recording.RecordFile, sessions);
        ModelTap? tap = null;
        string[] args = ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning", .. hostArgs];
        var app = await AssistantHost.BuildAsync(args, ct, builder =>
        {
            var original = builder.Services.Last(d => d.ServiceType == typeof(IChatCompletionService));
            builder.Services.Remove(original);
            builder.Services.AddSingleton<IChatCompletionService>(sp =>
            {
                var model = original.ImplementationFactory is { } factory ? (IChatCompletionService)factory(sp)
                    : original.ImplementationInstance as IChatCompletionService ?? (IChatCompletionService)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!);
                if (replayer is not null)
                {
                    model = replayer.Wrap(model);
                }
                else if (recorder is not null)
                {
                    model = recorder.Wrap(model);
                }
                // The tap is outermost: it sees exactly what the model (live or recorded) is asked.
                return tap = new ModelTap(model);
            });
            builder.Services.TryAddSingleton<TranscriptWorldBuilder>();
        }).ConfigureAwait(false);
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var issuer = app.Services.GetService<CustomerTokenIssuer>()
            ?? throw new InvalidOperationException("The replay server verifies tokens with Auth:Authority; give Auth:SigningKey so the replay can sign in its customers.");
        _ = app.Services.GetRequiredService<IChatCompletionService>();
        return new ReplayTarget(new Uri(address), app.Services, c => issuer.Issue(c, TimeSpan.FromMinutes(30)), tap, sessions, recorder, replayer, async () =>
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            if (recorder is not null)
            {
                await recorder.SaveAsync().ConfigureAwait(false);
            }
        });
    }

    /// <summary>
    /// A server already running at <paramref name="server"/>. The engine still needs the server's database
    /// (ConnectionStrings__Banking, or this checkout's private database) and key ring to create customers, and the
    /// server's Auth:SigningKey (or the development key of this checkout) to sign their tokens.
    /// </summary>
    public static async Task<ReplayTarget> ConnectAsync(Uri server, CancellationToken ct = default)
    {
        SymmetricSecurityKey? key = null;
        var auth = new AuthOptions();
        var host = await Cli.CliHost.BuildAsync(ct, builder =>
        {
            builder.AddPiiGuard();
            builder.Services.AddSingleton<TranscriptWorldBuilder>();
            auth = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
            var database = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
            key = SigningKeys.Resolve(auth, database, builder.Environment.ContentRootPath)
                ?? throw new InvalidOperationException("The server takes tokens from Auth:Authority; give the replay Auth:SigningKey to sign its customers' tokens.");
        }).ConfigureAwait(false);
        var issuer = new CustomerTokenIssuer(auth, key!, host.Services.GetRequiredService<TimeProvider>());
        return new ReplayTarget(server, host.Services, c => issuer.Issue(c, TimeSpan.FromMinutes(30)), null, new ModelSessions(), null, null, async () =>
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            host.Dispose();
        });
    }

    public ValueTask DisposeAsync() => _dispose();
}
