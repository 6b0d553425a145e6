using System.Net;
using BankingLlm.Assistant.Tests.Hubs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BankingLlm.Assistant.Tests.Web;

/// <summary>
/// The web chat page at / in Debian's headless chromium, driven by Playwright for .NET (its NuGet package ships the
/// driver; the browser is the system's, so no `playwright install`). The page talks to the real app over SignalR.
/// </summary>
public sealed class WebChatPageTests(HubFixture app) : IClassFixture<HubFixture>
{
    // A wait for the page, not a measure of speed: expectations pass as soon as the page gets there.
    private static readonly LocatorAssertionsToContainTextOptions Patience = new() { Timeout = 60_000 };

    private static string Chromium =>
        Environment.GetEnvironmentVariable("BANKINGLLM_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // As root (CI containers) chromium refuses to start with its sandbox.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });

    [Fact]
    public async Task The_page_streams_a_reply_and_confirms_a_transfer()
    {
        var (customer, checking, savings) = await app.NewCustomerAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { consoleErrors.Add(message.Text + " at " + message.Location); } };
        // Records every text an assistant bubble is given while it streams (each delta replaces the bubble's text node),
        // from the mutation records, so chunks that arrive in one network frame still count one by one.
        await page.AddInitScriptAsync("""
            window.__states = [];
            new MutationObserver((records) => {
              for (const r of records) {
                // A delta sets the bubble's text: one text node replaces the old ones (the final rendering only appends).
                if (r.type === 'childList' && r.target.matches && r.target.matches('#messages li.assistant')
                    && r.removedNodes.length > 0 && r.addedNodes.length === 1 && r.addedNodes[0].nodeType === Node.TEXT_NODE) {
                  window.__states.push(r.addedNodes[0].data);
                }
              }
            }).observe(document, { subtree: true, childList: true });
            """);

        // The embedding app hands the page the customer's token in the fragment.
        await page.GotoAsync(new Uri(app.BaseAddress, "/#access_token=" + app.TokenFor(customer)).ToString());
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Connected", Patience);
        Assert.DoesNotContain("access_token", page.Url, StringComparison.Ordinal);

        await page.Locator("#message").FillAsync("what's my checking balance?");
        await page.Locator("#send").ClickAsync();
        var reply = page.Locator("#messages li.assistant[data-final='true']").Last;
        await Assertions.Expect(reply).ToContainTextAsync("1,250.00", Patience);
        var chunks = int.Parse(await reply.GetAttributeAsync("data-chunks") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(chunks > 1, $"the reply arrived in {chunks} chunk(s)");
        var states = await page.EvaluateAsync<string[]>("window.__states");
        Assert.True(states.Length > 1, "the bubble was updated " + states.Length + " time(s) while streaming");
        for (var i = 1; i < states.Length; i++)
        {
            Assert.True(states[i].Length > states[i - 1].Length && states[i].StartsWith(states[i - 1], StringComparison.Ordinal), "each chunk extends the text");
        }
        Assert.Contains(states[^1], await reply.TextContentAsync(), StringComparison.Ordinal);

        await page.Locator("#message").FillAsync("move 300 from checking to savings");
        await page.Locator("#send").ClickAsync();
        await Assertions.Expect(page.Locator("#pending-summary")).ToContainTextAsync("$300.00", Patience);
        await Assertions.Expect(page.Locator("#confirm")).ToBeEnabledAsync(new() { Timeout = 60_000 });
        Assert.Equal(1250m, await app.QueryAsync(db => db.Accounts.Where(a => a.AccountId == checking).Select(a => a.Balance).SingleAsync()));

        await page.Locator("#confirm").ClickAsync();
        await Assertions.Expect(page.Locator("#messages li.assistant[data-final='true']").Last).ToContainTextAsync("transfers.confirm_transfer", Patience);
        await Assertions.Expect(page.Locator("#pending")).ToBeHiddenAsync(new() { Timeout = 60_000 });
        Assert.Equal(950m, await app.QueryAsync(db => db.Accounts.Where(a => a.AccountId == checking).Select(a => a.Balance).SingleAsync()));
        Assert.Equal(5300m, await app.QueryAsync(db => db.Accounts.Where(a => a.AccountId == savings).Select(a => a.Balance).SingleAsync()));
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task The_page_shows_masked_pii_as_masked_and_errors_by_their_code()
    {
        var (customer, _, _) = await app.NewCustomerAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        // This app signs with a configured key (as in production): the demo-customer button is refused, with its code.
        await page.GotoAsync(app.BaseAddress.ToString());
        await page.Locator("#demo").ClickAsync();
        await Assertions.Expect(page.Locator("#error-code")).ToContainTextAsync("[unauthorized]", Patience);
        Assert.False(await page.Locator("#chat").IsVisibleAsync());

        // A bad token: the page says so with the code, and offers the sign-in again.
        await page.GotoAsync(new Uri(app.BaseAddress, "/#access_token=not-a-token").ToString());
        await Assertions.Expect(page.Locator("#error-code")).ToContainTextAsync("[unauthorized]", Patience);
        Assert.True(await page.Locator("#signin").IsVisibleAsync());

        await page.Locator("#token").FillAsync(app.TokenFor(customer));
        await page.Locator("#token-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Connected", Patience);
        Assert.False(await page.Locator("#error").IsVisibleAsync());

        await page.Locator("#message").FillAsync("my social is 123-45-6789, is my profile complete?");
        await page.Locator("#send").ClickAsync();
        await Assertions.Expect(page.Locator("#messages li.assistant[data-final='true']").Last).ToContainTextAsync("compliance.get_kyc_status", Patience);
        Assert.DoesNotContain("123-45-6789", await page.Locator("#messages li.assistant").Last.TextContentAsync() ?? "", StringComparison.Ordinal);

        // The server refuses an oversized message ([message_too_large]); the page shows the code and stays usable.
        await page.EvaluateAsync("document.getElementById('message').removeAttribute('maxlength')");
        await page.Locator("#message").FillAsync(new string('a', 4001));
        await page.Locator("#send").ClickAsync();
        await Assertions.Expect(page.Locator("#error-code")).ToContainTextAsync("[message_too_large]", Patience);
        await page.Locator("#message").FillAsync("what's my savings balance?");
        await page.Locator("#send").ClickAsync();
        await Assertions.Expect(page.Locator("#messages li.assistant[data-final='true']").Last).ToContainTextAsync("5,000.00", Patience);
    }

    [Fact]
    public async Task The_page_is_served_with_security_headers_and_no_demo_tokens_outside_development()
    {
        using var http = new HttpClient();
        var page = await http.GetAsync(app.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("lib/signalr.min.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        var script = await http.GetAsync(new Uri(app.BaseAddress, "/lib/signalr.min.js"));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.StartsWith("/*! @microsoft/signalr 10.0.11", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // This app is configured with Auth:SigningKey (as in production): no demo tokens.
        var demo = await http.PostAsync(new Uri(app.BaseAddress, "/dev/demo-token"), null);
        Assert.Equal(HttpStatusCode.NotFound, demo.StatusCode);
    }
}
