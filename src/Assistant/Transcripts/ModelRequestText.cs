using System.Text;
using System.Text.Json;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BankingLlm.Assistant.Transcripts;

/// <summary>A model request's history as plain text: every message, function call and result, as the model gets it.</summary>
public static class ModelRequestText
{
    public static string Render(ChatHistory history)
    {
        var builder = new StringBuilder();
        foreach (var message in history)
        {
            builder.Append(message.Role.Label.ToLowerInvariant()).Append(": ");
            var hasText = false;
            foreach (var item in message.Items)
            {
                switch (item)
                {
                    case TextContent text:
                        builder.Append(text.Text);
                        hasText = true;
                        break;
                    case FunctionCallContent call:
                        builder.Append(" call ").Append(call.PluginName).Append('-').Append(call.FunctionName)
                            .Append(JsonSerializer.Serialize(call.Arguments?.ToDictionary(a => a.Key, a => a.Value?.ToString()) ?? []));
                        break;
                    case FunctionResultContent result:
                        builder.Append(" result ").Append(result.Result as string ?? JsonSerializer.Serialize(result.Result));
                        break;
                }
            }
            if (!hasText && message.Items.Count == 0)
            {
                builder.Append(message.Content);
            }
            builder.Append('\n');
        }
        return builder.ToString();
    }
}
