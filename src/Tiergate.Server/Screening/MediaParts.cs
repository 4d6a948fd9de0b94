using System.Globalization;
using System.Text;
using Tiergate.Core.Policy;

namespace Tiergate.Server.Screening;

/// <summary>
/// What a request holds that screening cannot read: image, audio and file parts, and a request for an
/// audio answer. Each modality remembers where it first appears, for the error's <c>param</c>.
/// </summary>
public sealed class MediaParts
{
    public static readonly MediaParts None = new();

    public int Images { get; private set; }

    public int Audio { get; private set; }

    public int Files { get; private set; }

    /// <summary>The request asks for spoken output (<c>audio</c>, or <c>modalities</c> naming audio), which output screening cannot read.</summary>
    public bool AudioOutput { get; private set; }

    public bool Any => Images + Audio + Files > 0 || AudioOutput;

    private string? _firstImage;
    private string? _firstAudio;
    private string? _firstFile;

    /// <summary>Counts a part at <c>messages[message].content[part]</c>; a negative <paramref name="part"/> is the message's <c>audio</c> field.</summary>
    internal void Add(Modalities modality, int message, int part)
    {
        switch (modality)
        {
            case Modalities.Image:
                _firstImage ??= Path(message, part);
                Images++;
                break;
            case Modalities.Audio:
                _firstAudio ??= Path(message, part);
                Audio++;
                break;
            default:
                _firstFile ??= Path(message, part);
                Files++;
                break;
        }
    }

    private static string Path(int message, int part) =>
        part < 0 ? $"messages[{message}].audio" : $"messages[{message}].content[{part}]";

    internal void AskForAudioOutput(string param)
    {
        _firstAudio ??= param;
        AudioOutput = true;
    }

    /// <summary>The first modality the variant does not take, and the parameter where it appears; null when all are allowed.</summary>
    public (Modalities Modality, string Param)? FirstRefusedBy(Modalities allowed)
    {
        if (_firstImage is { } image && (allowed & Modalities.Image) == 0)
        {
            return (Modalities.Image, image);
        }

        if (_firstAudio is { } audio && (allowed & Modalities.Audio) == 0)
        {
            return (Modalities.Audio, audio);
        }

        if (_firstFile is { } file && (allowed & Modalities.File) == 0)
        {
            return (Modalities.File, file);
        }

        return null;
    }

    /// <summary>For the audit record: <c>image=2,audio=1,audio_output</c>; null when everything was text.</summary>
    public string? Describe()
    {
        if (!Any)
        {
            return null;
        }

        var text = new StringBuilder();
        Append(text, "image", Images);
        Append(text, "audio", Audio);
        Append(text, "file", Files);
        if (AudioOutput)
        {
            text.Append(text.Length == 0 ? "" : ",").Append("audio_output");
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, string name, int count)
    {
        if (count > 0)
        {
            text.Append(text.Length == 0 ? "" : ",").Append(name).Append('=').Append(count.ToString(CultureInfo.InvariantCulture));
        }
    }
}
