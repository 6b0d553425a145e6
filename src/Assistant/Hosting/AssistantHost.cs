using BankingLlm.Data;
using BankingLlm.Tools;
using BankingLlm.Assistant.Agent.Prompts;
using BankingLlm.Assistant.Hubs;
using BankingLlm.Assistant.Security;
using BankingLlm.Assistant.Web;
using BankingLlm.Assistant.Voice;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace BankingLlm.Assistant.Hosting;

/// <summary>The web host of `serve`: private database if needed, data layer, health endpoints.</summary>
public static class AssistantHost
{
    public static async Task<WebApplication> BuildAsync(string[] args, CancellationToken ct = default, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        ShippedSettings.AddAsBase(builder.Configuration);
        var privateDatabase = await builder.StartPrivateDatabaseIfNeededAsync(ct);
        builder.AddBankingData();
        builder.AddPiiGuard();
        builder.AddBankingTools();
        builder.AddAssistantAgent();
        builder.AddAssistantAuth();
        builder.AddChatHub();
        builder.AddAssistantTelemetry();
        builder.AddScaleOut();
        builder.AddBankingMaintenance();
        builder.AddVoice();
        // The transcript replay server decorates the model here (docs/transcripts.md); serve passes nothing.
        configure?.Invoke(builder);

        var app = builder.Build();
        try
        {
            await app.Services.GetRequiredService<DatabaseStartup>().EnsureReadyAsync(ct);
            // Prompts and the model are checked now, so a broken prompt file or model setting stops the start-up
            // instead of failing the first customer turn.
            _ = app.Services.GetRequiredService<PromptCatalog>();
            _ = app.Services.GetRequiredService<IChatCompletionService>();
        }
        catch
        {
            await app.DisposeAsync();
            if (privateDatabase is not null)
            {
                await privateDatabase.StopAsync();
            }
            throw;
        }

        app.UseWebChatPage();
        app.MapAssistantMetrics();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseHubRequestTrimming();
        app.MapHub<ChatHub>(ChatHub.Path, options => options.AllowStatefulReconnects = true);
        app.MapHub<StaffHub>(StaffHub.Path, options => options.AllowStatefulReconnects = true);
        app.MapStaffSignIn();
        app.MapDemoToken();
        app.MapVoiceEndpoints();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
