using System.ComponentModel.DataAnnotations;
using BankingLlm.Assistant.Agent.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BankingLlm.Assistant.Tests.Agent.Providers;

public sealed class ModelOptionsValidationTests
{
    public static TheoryData<string, ModelOptions, string> BadCombinations => new()
    {
        { "OpenAI without model id", new ModelOptions { Provider = ModelProvider.OpenAI, Endpoint = "http://localhost:11434/v1" }, "Model:ModelId is required when Model:Provider is OpenAI" },
        { "OpenAI public without key", new ModelOptions { Provider = ModelProvider.OpenAI, ModelId = "gpt-4o-mini" }, "Model:ApiKey is required when Model:Provider is OpenAI" },
        { "OpenAI api.openai.com without key", new ModelOptions { Provider = ModelProvider.OpenAI, ModelId = "gpt-4o", Endpoint = "https://api.openai.com/v1" }, "Model:ApiKey is required" },
        { "endpoint not a URL", new ModelOptions { Provider = ModelProvider.OpenAI, ModelId = "llama3.1", Endpoint = "localhost:11434" }, "Model:Endpoint must be an absolute http or https URL" },
        { "endpoint relative", new ModelOptions { Provider = ModelProvider.OpenAI, ModelId = "llama3.1", Endpoint = "/v1" }, "Model:Endpoint must be an absolute http or https URL" },
        { "endpoint ftp", new ModelOptions { Provider = ModelProvider.OpenAI, ModelId = "llama3.1", Endpoint = "ftp://models.internal/v1" }, "Model:Endpoint must be an absolute http or https URL" },
        { "endpoint with credentials", new ModelOptions { Provider = ModelProvider.OpenAI, ModelId = "llama3.1", Endpoint = "http://user:pw@vllm:8000/v1" }, "Model:Endpoint must not carry credentials" },
        { "Azure without endpoint", new ModelOptions { Provider = ModelProvider.AzureOpenAI, Deployment = "d", ApiKey = "k" }, "Model:Endpoint is required when Model:Provider is AzureOpenAI" },
        { "Azure without deployment", new ModelOptions { Provider = ModelProvider.AzureOpenAI, Endpoint = "https://x.openai.azure.com/", ApiKey = "k" }, "Model:Deployment is required when Model:Provider is AzureOpenAI" },
        { "Azure without key", new ModelOptions { Provider = ModelProvider.AzureOpenAI, Endpoint = "https://x.openai.azure.com/", Deployment = "d" }, "Model:ApiKey is required when Model:Provider is AzureOpenAI" },
        { "Azure unknown api version", new ModelOptions { Provider = ModelProvider.AzureOpenAI, Endpoint = "https://x.openai.azure.com/", Deployment = "d", ApiKey = "k", ApiVersion = "2023-05-15" }, "Model:ApiVersion '2023-05-15' is not supported" },
        { "key with white space", new ModelOptions { Provider = ModelProvider.OpenAI, ModelId = "gpt-4o", ApiKey = " sk-abc " }, "Model:ApiKey has leading or trailing white space" },
        { "undefined provider", new ModelOptions { Provider = (ModelProvider)7 }, "Model:Provider must be Offline, OpenAI or AzureOpenAI" },
    };

    public static TheoryData<string, ModelOptions> GoodCombinations => new()
    {
        { "offline default", new ModelOptions() },
        { "offline with remote settings left over", new ModelOptions { Endpoint = "http://localhost:11434/v1", ModelId = "llama3.1" } },
        { "OpenAI public", new ModelOptions { Provider = ModelProvider.OpenAI, ModelId = "gpt-4o-mini", ApiKey = "sk-abc" } },
        { "Ollama without key", new ModelOptions { Provider = ModelProvider.OpenAI, ModelId = "llama3.1:8b", Endpoint = "http://localhost:11434/v1" } },
        { "vLLM with key", new ModelOptions { Provider = ModelProvider.OpenAI, ModelId = "Qwen/Qwen2.5-7B-Instruct", Endpoint = "http://10.0.0.5:8000/v1", ApiKey = "token" } },
        { "Azure", new ModelOptions { Provider = ModelProvider.AzureOpenAI, Endpoint = "https://x.openai.azure.com/", Deployment = "gpt4o", ApiKey = "k" } },
        { "Azure with api version any case", new ModelOptions { Provider = ModelProvider.AzureOpenAI, Endpoint = "https://x.openai.azure.com/", Deployment = "gpt4o", ApiKey = "k", ApiVersion = "2024-08-01-Preview" } },
    };

    [Theory]
    [MemberData(nameof(BadCombinations))]
    public void Bad_combination_fails_with_a_message_naming_the_setting(string _, ModelOptions options, string expected)
    {
        var result = new ModelOptionsValidator().Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(GoodCombinations))]
    public void Good_combination_passes(string _, ModelOptions options)
    {
        Assert.Equal(ValidateOptionsResult.Success, new ModelOptionsValidator().Validate(Options.DefaultName, options));
    }

    [Theory]
    [InlineData(nameof(ModelOptions.TimeoutSeconds), 0, "Model:TimeoutSeconds")]
    [InlineData(nameof(ModelOptions.TimeoutSeconds), 601, "Model:TimeoutSeconds")]
    [InlineData(nameof(ModelOptions.MaxOutputTokens), 0, "Model:MaxOutputTokens")]
    [InlineData(nameof(ModelOptions.TokenBudget), 255, "Model:TokenBudget")]
    [InlineData(nameof(ModelOptions.MaxToolRounds), 0, "Model:MaxToolRounds")]
    [InlineData(nameof(ModelOptions.MaxToolRounds), 21, "Model:MaxToolRounds")]
    public void Out_of_range_numbers_fail_with_the_setting_name(string property, int value, string expected)
    {
        var options = new ModelOptions();
        typeof(ModelOptions).GetProperty(property)!.SetValue(options, value);

        var results = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.ErrorMessage!.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(2.1)]
    public void Temperature_out_of_range_fails(double temperature)
    {
        var options = new ModelOptions { Temperature = temperature };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.ErrorMessage!.Contains("Model:Temperature", StringComparison.Ordinal));
    }

    [Fact]
    public void Defaults_are_offline_and_documented_values()
    {
        var options = new ModelOptions();

        Assert.Equal(ModelProvider.Offline, options.Provider);
        Assert.Equal(60, options.TimeoutSeconds);
        Assert.Equal(0, options.Temperature);
        Assert.Equal(6000, options.TokenBudget);
        Assert.Equal(5, options.MaxToolRounds);
        Assert.Null(options.MaxOutputTokens);
        Assert.Equal("Model", ModelOptions.SectionName);
    }

    [Fact]
    public void Host_fails_at_start_naming_the_setting()
    {
        using var provider = Services(new Dictionary<string, string?>
        {
            ["Model:Provider"] = "AzureOpenAI",
            ["Model:Deployment"] = "gpt4o",
            ["Model:ApiKey"] = "azure-key-123",
            ["Model:TimeoutSeconds"] = "0",
        });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ModelOptions>>().Value);

        Assert.Contains("Model:Endpoint is required when Model:Provider is AzureOpenAI", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Model:TimeoutSeconds", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("azure-key-123", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_binds_environment_style_settings()
    {
        using var provider = Services(new Dictionary<string, string?>
        {
            ["Model:Provider"] = "OpenAI",
            ["Model:Endpoint"] = "http://localhost:11434/v1",
            ["Model:ModelId"] = "llama3.1:8b",
            ["Model:TokenBudget"] = "8000",
        });

        var options = provider.GetRequiredService<IOptions<ModelOptions>>().Value;

        Assert.Equal(ModelProvider.OpenAI, options.Provider);
        Assert.Equal(8000, options.TokenBudget);
        Assert.True(RemoteChatModels.IsRemote(options));
    }

    [Fact]
    public void ToString_never_shows_the_key()
    {
        var options = new ModelOptions { Provider = ModelProvider.OpenAI, ModelId = "gpt-4o", ApiKey = "sk-very-secret" };

        Assert.DoesNotContain("sk-very-secret", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("ApiKey=(set)", options.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ModelProvider.Offline, false)]
    [InlineData(ModelProvider.OpenAI, true)]
    [InlineData(ModelProvider.AzureOpenAI, true)]
    public void IsRemote_is_true_for_network_providers(ModelProvider provider, bool remote)
    {
        Assert.Equal(remote, RemoteChatModels.IsRemote(new ModelOptions { Provider = provider }));
    }

    [Theory]
    [InlineData("gpt-4o", null, "gpt-4o")]
    [InlineData(null, "my-deployment", "my-deployment")]
    [InlineData("", "my-deployment", "my-deployment")]
    public void Tokenizer_model_id_falls_back_to_the_deployment(string? modelId, string? deployment, string expected)
    {
        Assert.Equal(expected, new ModelOptions { ModelId = modelId, Deployment = deployment }.TokenizerModelId);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddModelOptions();
        return services.BuildServiceProvider();
    }
}
