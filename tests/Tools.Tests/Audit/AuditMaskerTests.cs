using BankingLlm.Tools.Audit;

namespace BankingLlm.Tools.Tests.Audit;

public sealed class AuditMaskerTests
{
    [Theory]
    [InlineData("routing_number", "021000021", "****0021")]
    [InlineData("account_number", "123456789012", "****9012")]
    [InlineData("account", "CHK0012345678901234", "****1234")]
    [InlineData("amount", "250.00", "250.00")]
    [InlineData("beneficiary_name", "Jane Doe", "J. D.")]
    public void Identifiers_keep_only_their_last_four_in_audit_rows(string name, string value, string expected) =>
        Assert.Equal(expected, AuditMasker.MaskArgument(name, value));

    [Fact]
    public void Free_text_is_recorded_by_length_only() =>
        Assert.Equal("[text, 11 chars]", AuditMasker.MaskArgument("memo", "rent for me"));
}
