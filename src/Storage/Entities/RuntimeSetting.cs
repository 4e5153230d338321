namespace EditorialBot.Storage;

/// <summary>A setting an admin changed at run time; overrides appsettings.json (key as in configuration, e.g. <c>Review:RequiredApprovals</c>).</summary>
public sealed class RuntimeSetting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}
