using Microsoft.Extensions.Configuration.Json;

namespace BankingLlm.Assistant.Hosting;

/// <summary>
/// The appsettings.json shipped next to the executable, as the lowest layer of configuration. The host reads
/// appsettings.json from its content root (the working directory); started from anywhere else it would miss the
/// shipped logging levels, and request logging at Information would write the hub's access_token query to the log.
/// The content root's file, environment variables and arguments still override it.
/// </summary>
public static class ShippedSettings
{
    public static void AddAsBase(IConfigurationBuilder configuration)
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var local = configuration.Sources.OfType<JsonConfigurationSource>()
            .Any(s => s.Path == "appsettings.json" && s.FileProvider?.GetFileInfo("appsettings.json") is { Exists: true, PhysicalPath: { } p }
                && Path.GetFullPath(p) == Path.GetFullPath(shipped));
        if (!local && File.Exists(shipped))
        {
            var source = new JsonConfigurationSource { Path = shipped, Optional = true, ReloadOnChange = false };
            source.ResolveFileProvider();
            configuration.Sources.Insert(0, source);
        }
    }
}
