using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BankingLlm.Data;

/// <summary>For `dotnet ef migrations add`: builds the model without a live database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<BankingDbContext>
{
    public BankingDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Banking") ?? "Host=127.0.0.1;Database=banking;Username=banking";
        var options = new DbContextOptionsBuilder<BankingDbContext>();
        BankingDbContext.Configure(options, DatabaseConnection.CreateDataSource(connectionString, new DatabaseOptions()));
        return new BankingDbContext(options.Options);
    }
}
