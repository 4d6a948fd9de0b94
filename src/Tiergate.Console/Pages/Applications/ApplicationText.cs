namespace Tiergate.Console.Pages.Applications;

/// <summary>How the applicant's pages word a verdict (the stored names are the CLI's: approve, deny, ask).</summary>
public static class ApplicationText
{
    public static string Verdict(string verdict) => verdict switch
    {
        "approve" => "Approved",
        "deny" => "Denied",
        "ask" => "Asked for more information",
        _ => verdict,
    };
}
