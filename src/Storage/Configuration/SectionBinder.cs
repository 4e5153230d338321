using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace EditorialBot.Storage.Configuration;

/// <summary>
/// The configuration binder, one property at a time: a value that cannot be converted leaves the property at its
/// default and becomes a problem naming the key and the expected form, instead of an exception that hides the rest.
/// </summary>
internal static class SectionBinder
{
    public static void Bind(IConfigurationSection section, object target, ICollection<string>? problems)
    {
        foreach (var property in target.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            // Only public setters are configuration keys (a value filled in from elsewhere has a non-public one).
            if (property.GetSetMethod() is null || property.GetIndexParameters().Length > 0)
            {
                continue;
            }
            var child = section.GetSection(property.Name);
            if (!child.Exists())
            {
                continue;
            }
            if (child.Value is { } csv && property.PropertyType == typeof(List<string>) && !child.GetChildren().Any())
            {
                // A list given as one value (an environment variable, a command-line override): comma-separated.
                property.SetValue(target, csv.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList());
                continue;
            }
            try
            {
                if (child.Get(property.PropertyType) is { } value)
                {
                    property.SetValue(target, value);
                }
            }
            catch (InvalidOperationException ex)
            {
                problems?.Add(child.Value is { } raw
                    ? $"{child.Path} is '{raw}', which is not {Expected(property.PropertyType)}: set it to {Example(property.PropertyType)}."
                    // A list or a nested section: the binder's message names the exact key.
                    : $"{ex.Message.TrimEnd('.')}: set it to {Example(ElementType(property.PropertyType))}.");
            }
        }
    }

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(bool) ? "true or false"
            : type == typeof(int) || type == typeof(long) ? "a whole number"
            : type == typeof(ulong) ? "a Discord id (a whole number)"
            : type == typeof(TimeSpan) ? "a duration"
            : type.IsEnum ? $"one of {string.Join(", ", Enum.GetNames(type))}"
            : IsList(type) ? "a list"
            : $"a {type.Name}";
    }

    private static string Example(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(bool) ? "true or false"
            : type == typeof(int) || type == typeof(long) ? "a number such as 2"
            : type == typeof(ulong) ? "the id Discord shows with Developer Mode on (right-click, Copy ID)"
            : type == typeof(TimeSpan) ? "hours:minutes:seconds, such as 00:00:30"
            : type.IsEnum ? $"one of {string.Join(", ", Enum.GetNames(type))}"
            : IsList(type) ? "one value per index, such as Section__Key__0=…, or one comma-separated value"
            : "a valid value";
    }

    private static Type ElementType(Type type) =>
        type.IsGenericType && IsList(type) ? type.GetGenericArguments()[0] : type;

    private static bool IsList(Type type) => type != typeof(string) && type.IsAssignableTo(typeof(System.Collections.IEnumerable));
}
