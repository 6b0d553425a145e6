using BankingLlm.Assistant.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace BankingLlm.Assistant.Tests.Hosting;

public sealed class ShippedSettingsTests
{
    [Fact]
    public void Started_outside_its_folder_the_host_still_gets_the_shipped_logging_levels()
    {
        var elsewhere = Directory.CreateTempSubdirectory("bankingllm-cwd-").FullName;
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = elsewhere, Args = ["--Auth:Issuer=from-args"] });
            Assert.Null(builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"]);

            ShippedSettings.AddAsBase(builder.Configuration);

            // Request logging (which would show the hub's access_token query) stays at Warning.
            Assert.Equal("Warning", builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"]);
            Assert.Equal("from-args", builder.Configuration["Auth:Issuer"]);
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Fact]
    public void Settings_from_the_working_directory_still_override_the_shipped_ones()
    {
        var elsewhere = Directory.CreateTempSubdirectory("bankingllm-cwd-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(elsewhere, "appsettings.json"), """{ "Logging": { "LogLevel": { "Microsoft.AspNetCore": "Error" } } }""");
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = elsewhere });

            ShippedSettings.AddAsBase(builder.Configuration);

            Assert.Equal("Error", builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"]);
            Assert.Equal("5", builder.Configuration["Database:MinPoolSize"]);
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }
}
