using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Tiergate.Console.Security;
using Tiergate.Testing.Storage;

namespace Tiergate.Console.IntegrationTests;

public sealed class ConsoleKeyEncryptionTests
{
    [Fact]
    public async Task ConsoleKeys_AfterSignIn_WrittenEncryptedWithTheKeyRingNoPlainMasterKey()
    {
        await using var site = await ConsoleSite.StartAsync();
        var email = ConsoleSite.NewEmail();
        await site.RegisterVerifiedAsync(email);
        using var browser = await site.SignedInAsync(email);
        Assert.True((await browser.GetAsync("/account")).SignedIn);

        var files = Directory.GetFiles(Path.Combine(site.DataDirectory, "console-keys"), "*.xml");

        Assert.NotEmpty(files);
        foreach (var xml in files.Select(File.ReadAllText))
        {
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.Contains(nameof(KeyRingXmlDecryptor), xml, StringComparison.Ordinal);
            Assert.Contains("enc1:", xml, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ConsoleKeys_ReadByAFreshProcess_UnprotectWhatTheFirstProtected()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        var folder = Directory.CreateTempSubdirectory("tiergate-console-keys-").FullName;
        try
        {
            var secret = Provider(store, folder).CreateProtector("test").Protect("a session handle");

            // A second container: nothing cached, so the key is read from the file and decrypted with the ring.
            var unprotected = Provider(store, folder).CreateProtector("test").Unprotect(secret);

            Assert.Equal("a session handle", unprotected);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IDataProtectionProvider Provider(TestStore store, string folder)
    {
        var services = new ServiceCollection();
        services.AddSingleton(store.Database);
        services.AddDataProtection().SetApplicationName("tiergate-console").PersistKeysToFileSystem(new DirectoryInfo(folder));
        KeyRingXmlEncryptor.Register(services);
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
    }
}
