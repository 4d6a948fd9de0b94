using System.Reflection;

namespace Tiergate.Core.Errors;

/// <summary>Reads a code list (a static class of <see cref="ErrorCode"/> fields), so that a list cannot forget one of its own codes.</summary>
public static class ErrorCodeList
{
    public static IReadOnlyList<ErrorCode> Of(Type list) => list
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(ErrorCode))
        .Select(f => (ErrorCode)f.GetValue(null)!)
        .ToList();
}
