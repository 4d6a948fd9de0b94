namespace Tiergate.Safeguards.Guards;

/// <summary>
/// Granite Guardian: the conversation as chat messages, and the risk to look for as the chat template's
/// <c>guardian_config</c> (<c>chat_template_kwargs</c>, as vLLM takes it) with the category's name and a custom
/// risk definition. The model judges the last turn and answers Yes (risky) or No.
/// </summary>
internal sealed class GraniteGuardianProtocol : PolicyQuestionProtocol
{
    protected override byte[] Body(string model, string category, string prompt, string? answer) => GuardHttp.Json(json =>
    {
        json.WriteStartObject();
        json.WriteString("model", model);
        GuardHttp.WriteConversation(json, prompt, answer);
        json.WriteStartObject("chat_template_kwargs");
        json.WriteStartObject("guardian_config");
        json.WriteString("risk_name", category);
        json.WriteString("risk_definition", GuardTaxonomy.PolicyFor(category));
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteNumber("temperature", 0);
        json.WriteNumber("max_tokens", 20);
        json.WriteEndObject();
    });
}
