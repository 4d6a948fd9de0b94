using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Tiergate.Settings;
using Tiergate.Storage.Identity.Vendors;

namespace Tiergate.Server.Tests.Settings;

/// <summary>The <c>identity</c> section: defaults, vendors on only with their secrets (from the environment only), domains and days validated.</summary>
public sealed class IdentitySettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tiergate-identity-settings-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_NoIdentitySection_NoVendorsAndDefaults()
    {
        var vendors = Valid(Load(Write("data: ./d\n"), Env())).Identity.Vendors();

        Assert.Null(vendors.Stripe);
        Assert.Null(vendors.Persona);
        Assert.Equal(730, vendors.VerificationValidDays);
        Assert.True(vendors.AffiliationDomains.IsEmpty);
        Assert.True(vendors.OneDocumentOneAccount);
    }

    [Fact]
    public void Load_FileAndSecretsInVariables_BothVendorsConfigured()
    {
        var file = Write("identity:\n  stripe:\n    api_base: http://127.0.0.1:9999\n  persona:\n    template_id: itmpl_abc\n  verification_valid_days: 365\n  affiliation_domains: [ox.ac.uk, MPG.de]\n  one_document_one_account: false\n");

        var vendors = Valid(Load(file, Env(
            ("TIERGATE_IDENTITY__STRIPE__SECRET_KEY", "sk_live_x"), ("TIERGATE_IDENTITY__STRIPE__WEBHOOK_SECRET", "whsec_x"),
            ("TIERGATE_IDENTITY__PERSONA__API_KEY", "persona_x"), ("TIERGATE_IDENTITY__PERSONA__WEBHOOK_SECRET", "wbhsec_x")))).Identity.Vendors();

        Assert.Equal(new StripeVendorOptions(new Uri("http://127.0.0.1:9999"), "sk_live_x", "whsec_x"), vendors.Stripe);
        Assert.Equal(new PersonaVendorOptions(PersonaVendorOptions.DefaultApiBase, "persona_x", "wbhsec_x", "itmpl_abc"), vendors.Persona);
        Assert.Equal(365, vendors.VerificationValidDays);
        Assert.Equal(["ox.ac.uk", "mpg.de"], vendors.AffiliationDomains.Domains);
        Assert.False(vendors.OneDocumentOneAccount);
        Assert.DoesNotContain("sk_live_x", vendors.Stripe!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SecretsInTheSettingsFile_RefusedWithoutEchoingThem()
    {
        var file = Write("identity:\n  stripe:\n    secret_key: sk_live_leak\n    webhook_secret: whsec_leak\n  persona:\n    api_key: persona_leak\n    webhook_secret: wbhsec_leak\n    template_id: itmpl_1\n");

        var result = Load(file, Env());

        Assert.Equal(["identity.persona.api_key", "identity.persona.webhook_secret", "identity.stripe.secret_key", "identity.stripe.webhook_secret"],
            result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Contains(result.Errors, e => e.Message.Contains("TIERGATE_IDENTITY__STRIPE__SECRET_KEY", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Errors, e => e.ToString().Contains("leak", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_BadValues_EveryErrorWithItsPath()
    {
        var file = Write("identity:\n  stripe:\n    api_base: http://stripe.example\n  persona:\n    api_base: ftp://x\n  verification_valid_days: 0\n  affiliation_domains: [ox.ac.uk, evil, a@b.org]\n  one_document_one_account: maybe\n");

        var result = Load(file, Env(("TIERGATE_IDENTITY__STRIPE__SECRET_KEY", "sk"), ("TIERGATE_IDENTITY__PERSONA__API_KEY", "pk")));

        Assert.Equal(
            ["identity.affiliation_domains[1]", "identity.affiliation_domains[2]", "identity.one_document_one_account", "identity.persona.api_base",
             "identity.persona.template_id", "identity.persona.webhook_secret", "identity.stripe.api_base", "identity.stripe.webhook_secret", "identity.verification_valid_days"],
            result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Load_UnknownIdentityKey_Reported()
    {
        var result = Load(Write("identity:\n  stripe:\n    secret: x\n"), Env());

        Assert.Equal("identity.stripe.secret", Assert.Single(result.Errors).Path);
    }

    private static SettingsLoadResult Load(string file, IConfigurationSource environment) => DeploymentSettingsLoader.Load(file, [], environment);

    private static DeploymentSettings Valid(SettingsLoadResult result)
    {
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Settings!;
    }

    private static MemoryConfigurationSource Env(params (string Name, string Value)[] variables) => new()
    {
        InitialData = variables.Select(v => KeyValuePair.Create<string, string?>(
            v.Name[DeploymentSettingsLoader.EnvironmentPrefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), v.Value)),
    };

    private string Write(string yaml)
    {
        var path = Path.Combine(_directory, "settings.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
