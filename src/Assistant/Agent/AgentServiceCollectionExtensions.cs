using BankingLlm.Assistant.Agent;
using BankingLlm.Assistant.Agent.Offline;
using BankingLlm.Assistant.Agent.Prompts;
using BankingLlm.Assistant.Agent.Providers;
using BankingLlm.Assistant.Conversations;
using BankingLlm.Assistant.Privacy;
using BankingLlm.Assistant.Scaling;
using BankingLlm.Assistant.Telemetry;
using BankingLlm.PiiGuard.Operators;
using BankingLlm.PiiGuard.Recording;
using BankingLlm.PiiGuard.Vault;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Microsoft.Extensions.Hosting;

public static class AgentServiceCollectionExtensions
{
    /// <summary>
    /// The agent and the conversation path: prompts (loaded and validated at start), the model chosen by
    /// Model:Provider (Offline by default, or an OpenAI-compatible / Azure endpoint), the per-turn kernel and
    /// filters, the agent loop, the PII guard's host adapters (key ring, PostgreSQL) and the conversation service.
    /// Call after AddBankingData, AddPiiGuard and AddBankingTools.
    /// </summary>
    public static IHostApplicationBuilder AddAssistantAgent(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PromptOptions>().BindConfiguration(PromptOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ConversationOptions>().BindConfiguration(ConversationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddModelOptions();
        services.AddSingleton(sp => PromptCatalog.Load(sp.GetRequiredService<IOptions<PromptOptions>>().Value.Directory));

        // PII guard host adapters.
        services.TryAddSingleton<IVaultProtector, KeyRingVaultProtector>();
        services.TryAddSingleton<IPiiVaultStore, PostgresPiiVaultStore>();
        services.TryAddSingleton<IPiiHashKeyProvider, KeyRingPiiHashKeyProvider>();
        services.TryAddSingleton<IPiiDetectionSink, PostgresPiiDetectionSink>();

        // The offline model and the provider switch.
        services.AddSingleton<EntityExtractor>();
        services.AddSingleton<OfflinePlanner>();
        services.AddSingleton<OfflineReplyWriter>();
        services.AddSingleton<OfflineChatCompletionService>();
        services.AddHttpClient(nameof(RemoteChatModels));
        services.AddSingleton<IChatCompletionService>(sp =>
        {
            var model = sp.GetRequiredService<IOptions<ModelOptions>>().Value;
            if (!RemoteChatModels.IsRemote(model))
            {
                return sp.GetRequiredService<OfflineChatCompletionService>();
            }
            RemoteChatModels.DisableSensitiveDiagnostics();
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(RemoteChatModels));
            return RemoteChatModels.Create(model, http, sp.GetRequiredService<ILoggerFactory>());
        });

        services.AddSingleton<ChatHistoryPreparer>();
        services.AddSingleton<AgentKernelFactory>();
        services.AddSingleton<AgentLoop>();
        services.TryAddSingleton<AssistantTelemetry>();
        services.TryAddSingleton<ISessionLock, InProcessSessionLock>();
        services.AddSingleton<HandoffService>();
        services.AddSingleton<StoredHistoryReader>();
        services.AddSingleton<HistoryCache>();
        services.AddSingleton<TurnStore>();
        services.AddSingleton<ConversationService>();
        services.AddSingleton<IdleSessionSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<IdleSessionSweeper>());
        return builder;
    }
}
