using System.ComponentModel.DataAnnotations;

namespace BankingLlm.Assistant.Agent.Prompts;

/// <summary>Where the prompt files live. Default: the prompts/ folder copied next to the executable.</summary>
public sealed class PromptOptions
{
    public const string SectionName = "Prompts";

    [Required]
    public string Directory { get; set; } = Path.Combine(AppContext.BaseDirectory, "prompts");
}
