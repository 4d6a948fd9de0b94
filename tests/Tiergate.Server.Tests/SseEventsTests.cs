using System.Buffers;
using System.Text;
using Tiergate.Server.Proxy;
using Tiergate.Server.Screening;

namespace Tiergate.Server.Tests;

/// <summary>The relay reads events as a client does (WHATWG server-sent events) and writes them again as their data alone.</summary>
public sealed class SseEventsTests
{
    [Theory]
    [InlineData("data: a\n\nrest", 9)]
    [InlineData("data: a\r\n\r\nrest", 11)]
    [InlineData("data: a\r\rrest", 9)]
    [InlineData("data: a\n\r\nrest", 10)]
    [InlineData("data: a\ndata: b\n\n", 17)]
    [InlineData("\n\n", 1)]
    [InlineData("data: a\n", -1)]
    [InlineData("data: a\r", -1)]
    [InlineData("data: a\n\r", -1)]
    public void CompleteEventLength_LineEndsOfEveryKind_EndAtTheBlankLine(string stream, int expected)
    {
        Assert.Equal(expected, SseEvents.CompleteEventLength(Encoding.UTF8.GetBytes(stream)));
    }

    [Theory]
    [InlineData("data: {\"a\":\ndata: 1}\n\n", "{\"a\":\n1}")]
    [InlineData("data:{\"a\":1}\r\n\r\n", "{\"a\":1}")]
    [InlineData("data:  two spaces\n\n", " two spaces")]
    [InlineData(": comment data: x\nevent: e\nid: 1\ndata: y\n\n", "y")]
    [InlineData("data\ndata: z\n\n", "\nz")]
    [InlineData("data: a\rdata: b\r\r", "a\nb")]
    public void TryReadData_SeveralDataLines_JoinedWithLineFeedAsAClientJoinsThem(string sseEvent, string expected)
    {
        Assert.True(SseEvents.TryReadData(Encoding.UTF8.GetBytes(sseEvent), new ArrayBufferWriter<byte>(), out var data));
        Assert.Equal(expected, Encoding.UTF8.GetString(data));
    }

    [Theory]
    [InlineData(": keep-alive\n\n")]
    [InlineData("Data: x\n\n")]
    [InlineData("id: 7\nretry: 10\n\n")]
    [InlineData("event: data: x\n\n")]
    [InlineData("\uFEFFdata: x\n\n")]
    public void TryReadData_NoDataField_NothingToDispatch(string sseEvent)
    {
        Assert.False(SseEvents.TryReadData(Encoding.UTF8.GetBytes(sseEvent), new ArrayBufferWriter<byte>(), out _));
    }

    [Theory]
    [InlineData("[DONE]", true)]
    [InlineData("[DONE] and more", true)]
    [InlineData(" [DONE]", false)]
    [InlineData("{\"done\":1}", false)]
    public void IsDone_ThePrefixTheOpenAiSdksTest(string data, bool expected)
    {
        Assert.Equal(expected, SseEvents.IsDone(Encoding.UTF8.GetBytes(data)));
    }

    [Fact]
    public void WriteEvent_ModelAndFingerprint_VariantNameAndNullSeveralLinesKept()
    {
        var data = "{\"id\":\"c\",\"model\" : \"upstream-secret-7b\",\n\"system_fingerprint\":\"fp_secret\",\"choices\":[]}"u8.ToArray();
        var splices = new List<JsonSplice>();
        Assert.True(new AnswerFields().TryRead(data, null, splices, wholeAnswer: false));
        var output = new ArrayBufferWriter<byte>();

        AnswerRewrite.WriteEvent(output, data, splices, AnswerRewrite.ModelValue("standard \"v\""));

        Assert.Equal("data: {\"id\":\"c\",\"model\" : \"standard \\u0022v\\u0022\",\ndata: \"system_fingerprint\":null,\"choices\":[]}\n\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }
}
