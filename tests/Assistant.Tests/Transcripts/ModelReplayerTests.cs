using System.Text.Json;
using BankingLlm.Assistant.Transcripts;
using BankingLlm.Tools.Scope;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Moq;

namespace BankingLlm.Assistant.Tests.Transcripts;

/// <summary>Serving recorded answers: ids mapped to this run's, a changed or unrecorded request refused and reported.</summary>
public sealed class ModelReplayerTests
{
    private static ChatHistory History(Guid actionId, string lastUser)
    {
        var history = new ChatHistory("system prompt");
        history.AddUserMessage("move $100 from checking to savings");
        history.Add(new ChatMessageContent(AuthorRole.Tool, [new FunctionResultContent("prepare_transfer", "transfers", "call_1",
            $$"""{"action_id":"{{actionId}}","expires_at":"2026-11-25T18:00:00Z"}""")]));
        history.AddUserMessage(lastUser);
        return history;
    }

    [Fact]
    public async Task A_recorded_action_id_is_replaced_by_this_runs_id_and_a_missing_or_changed_request_is_reported()
    {
        var recordedId = Guid.NewGuid();
        var currentId = Guid.NewGuid();
        var recordedRequest = ModelRequestText.Render(History(recordedId, "yes"));
        var recording = new ModelRecording
        {
            Exchanges =
            [
                new RecordedExchange
                {
                    Transcript = "t.yaml: t",
                    Sequence = 1,
                    RequestSha256 = ModelRecording.Hash(recordedRequest),
                    Request = ModelRecording.Normalize(recordedRequest),
                    RequestIds = ModelRecording.Ids(recordedRequest),
                    Reply = new RecordedReply
                    {
                        ToolCalls = [new RecordedToolCall { Id = "call_2", Plugin = "transfers", Function = "confirm_transfer", Arguments = new() { ["action_id"] = JsonSerializer.SerializeToElement(recordedId.ToString()) } }],
                    },
                },
                new RecordedExchange { Transcript = "t.yaml: t", Sequence = 2, RequestSha256 = "0", Request = "user: something else" },
            ],
        };
        var sessions = new ModelSessions();
        var session = Guid.NewGuid();
        sessions.Register(session, "t.yaml: t");
        var model = new ModelReplayer(recording, sessions).Wrap(new Mock<IChatCompletionService>(MockBehavior.Strict).Object);

        using (CustomerScope.Begin(new CustomerSession(Guid.NewGuid(), session, "r1")))
        {
            // Different day, different action id: the same request once normalised.
            var reply = (await model.GetChatMessageContentsAsync(History(currentId, "yes")))[0];
            var call = Assert.Single(reply.Items.OfType<FunctionCallContent>());
            Assert.Equal(("transfers", "confirm_transfer"), (call.PluginName, call.FunctionName));
            Assert.Equal(currentId.ToString(), call.Arguments!["action_id"]);

            var changed = await Assert.ThrowsAsync<HttpOperationException>(() => model.GetChatMessageContentsAsync(History(currentId, "no")));
            Assert.Contains("model request #2 differs from the recorded one", changed.Message, StringComparison.Ordinal);

            var missing = await Assert.ThrowsAsync<HttpOperationException>(() => model.GetChatMessageContentsAsync(History(currentId, "yes")));
            Assert.Contains("model request #3 has no recorded response", missing.Message, StringComparison.Ordinal);
        }
        Assert.Equal(2, sessions.MissesOf("t.yaml: t").Count);
        Assert.Empty(sessions.MissesOf("other.yaml: other"));
    }
}
