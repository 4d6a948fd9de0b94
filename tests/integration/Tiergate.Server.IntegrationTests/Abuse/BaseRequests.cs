using System.Text.Json.Nodes;

namespace Tiergate.Server.IntegrationTests.Abuse;

/// <summary>Request shapes that OpenAI's SDKs and agent frameworks really send, for mutations to start from.</summary>
internal static class BaseRequests
{
    private static readonly string[] Shapes =
    [
        """{"model":"standard","messages":[{"role":"user","content":"Summarise the water cycle in two sentences."}]}""",
        """{"model":"standard","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Hi!"},{"role":"assistant","content":"Hello."},{"role":"user","content":"What's 2+2?"}],"temperature":0.2,"top_p":0.9,"seed":7}""",
        """{"model":"standard","messages":[{"role":"user","content":"Weather in Paris?"}],"tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather for a city","parameters":{"type":"object","properties":{"city":{"type":"string","description":"City name"},"unit":{"type":"string","enum":["c","f"]}},"required":["city"]}}}],"tool_choice":"auto","parallel_tool_calls":true}""",
        """{"model":"standard","messages":[{"role":"user","content":"Weather in Paris?"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},{"role":"tool","tool_call_id":"call_1","content":"18 C, cloudy"}]}""",
        """{"model":"standard","messages":[{"role":"user","content":"Give me a recipe as JSON."}],"response_format":{"type":"json_schema","json_schema":{"name":"recipe","description":"A recipe","schema":{"type":"object","properties":{"title":{"type":"string"},"steps":{"type":"array","items":{"type":"string"}}}},"strict":true}}}""",
        """{"model":"standard","messages":[{"role":"user","content":"Tell me a story."}],"stream":true,"stream_options":{"include_usage":true},"max_completion_tokens":64}""",
        """{"model":"standard","messages":[{"role":"user","name":"alice","content":[{"type":"text","text":"Describe "},{"type":"text","text":"this table."}]}],"stop":["\n\n","END"],"n":2,"logprobs":true,"top_logprobs":2}""",
        """{"model":"standard","messages":[{"role":"developer","content":"Answer in French."},{"role":"user","content":"Good morning"}],"metadata":{"session":"abc-123"},"user":"user-42","store":false,"max_tokens":32,"presence_penalty":0.1,"frequency_penalty":0.1,"logit_bias":{"50256":-100}}""",
    ];

    public static JsonObject Pick(Random random) => JsonNode.Parse(Shapes[random.Next(Shapes.Length)])!.AsObject();
}
