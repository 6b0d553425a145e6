using BankingLlm.Assistant.Conversations;
using BankingLlm.Assistant.Voice;
using BankingLlm.Assistant.Voice.Http;
using BankingLlm.Assistant.Voice.Offline;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class VoiceServiceCollectionExtensions
{
    /// <summary>
    /// The voice channel: options (section Voice, validated at start), the speech provider chosen by Voice:Provider
    /// (Offline: pocketsphinx + espeak-ng; OpenAI; Azure), the ear-friendly reply formatter for voice sessions, and
    /// the voice turn service. Call after AddAssistantAgent.
    /// </summary>
    public static IHostApplicationBuilder AddVoice(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<VoiceOptions>().BindConfiguration(VoiceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<VoiceOptions>, VoiceOptionsValidator>();
        services.AddHttpClient(SpeechHttp.ClientName, (sp, http) => http.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<VoiceOptions>>().Value.TimeoutSeconds));
        services.AddSingleton<DomainModelStore>();
        services.AddSingleton<PocketSphinxSpeechToText>();
        services.AddSingleton<EspeakTextToSpeech>();
        services.AddSingleton<OpenAiSpeechToText>();
        services.AddSingleton<OpenAiTextToSpeech>();
        services.AddSingleton<AzureSpeechToText>();
        services.AddSingleton<AzureTextToSpeech>();
        services.AddSingleton<ISpeechToText>(sp => sp.GetRequiredService<IOptions<VoiceOptions>>().Value.Provider switch
        {
            VoiceProvider.OpenAI => sp.GetRequiredService<OpenAiSpeechToText>(),
            VoiceProvider.Azure => sp.GetRequiredService<AzureSpeechToText>(),
            _ => sp.GetRequiredService<PocketSphinxSpeechToText>(),
        });
        services.AddSingleton<ITextToSpeech>(sp => sp.GetRequiredService<IOptions<VoiceOptions>>().Value.Provider switch
        {
            VoiceProvider.OpenAI => sp.GetRequiredService<OpenAiTextToSpeech>(),
            VoiceProvider.Azure => sp.GetRequiredService<AzureTextToSpeech>(),
            _ => sp.GetRequiredService<EspeakTextToSpeech>(),
        });
        services.AddSingleton<VoiceReplyFormatter>();
        services.AddSingleton<IChannelReplyFormatter>(sp => sp.GetRequiredService<VoiceReplyFormatter>());
        services.AddSingleton<VoiceTurnService>();
        return builder;
    }
}
