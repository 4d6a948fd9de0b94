namespace Tiergate.Console.Passkeys;

/// <summary>What a passkey ceremony was opened for; its answer is accepted only for that.</summary>
public enum PasskeyPurpose
{
    /// <summary>A signed-in user adds a passkey (<c>/account</c>).</summary>
    Register,

    /// <summary>A signed-in user proves a second factor again (<c>/step-up</c>).</summary>
    StepUp,

    /// <summary>Sign-in with a discoverable passkey and no email (<c>/login</c>).</summary>
    SignIn,

    /// <summary>The second step after a correct password (<c>/login/mfa</c>).</summary>
    SecondFactor,
}
