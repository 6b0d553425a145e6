using System.Net.Http.Json;
using System.Threading.Channels;
using BankingLlm.Assistant.Hubs;
using BankingLlm.Assistant.Security;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.Data.Security;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BankingLlm.Assistant.Tests.Hubs;

/// <summary>Staff members, staff tokens and staff-hub connections for the handoff tests.</summary>
public static class StaffTestSupport
{
    public const string Password = "correct horse battery staple";

    public static Task<User> CreateStaffAsync(this HubFixture app, StaffRole role, bool active = true) => app.Services.CreateStaffAsync(role, active);

    public static async Task<User> CreateStaffAsync(this IServiceProvider services, StaffRole role, bool active = true)
    {
        var user = new User
        {
            UserId = Guid.CreateVersion7(),
            Email = $"staff.{Guid.NewGuid():N}@bank.example",
            FullName = "Sam Staff",
            Role = role,
            PasswordHash = StaffPasswordHasher.Hash(Password),
            IsActive = active,
        };
        await using var db = await services.GetRequiredService<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    public static string StaffTokenFor(this HubFixture app, User user) =>
        app.Services.GetRequiredService<StaffTokenIssuer>().Issue(user.UserId, user.Role);

    public static HubConnection ConnectStaff(this HubFixture app, string token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, StaffHub.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();

    public static Task<HttpResponseMessage> SignInAsync(this HubFixture app, HttpClient http, string username, string password) =>
        http.PostAsJsonAsync(new Uri(app.BaseAddress, StaffAuthentication.SignInPath), new { username, password });

    /// <summary>Collects what the server pushes to a connection, in order.</summary>
    public static Channel<T> Collect<T>(this HubConnection hub, string method)
    {
        var channel = Channel.CreateUnbounded<T>();
        hub.On<T>(method, item => channel.Writer.TryWrite(item));
        return channel;
    }

    public static Channel<(Guid SessionId, string Text)> Collect2(this HubConnection hub, string method)
    {
        var channel = Channel.CreateUnbounded<(Guid, string)>();
        hub.On<Guid, string>(method, (s, t) => channel.Writer.TryWrite((s, t)));
        return channel;
    }
}
