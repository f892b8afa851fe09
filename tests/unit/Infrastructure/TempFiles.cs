namespace EnfixPortal.Tests.Infrastructure;

public static class TempFiles
{
    public static string NewDatabasePath()
    {
        var folder = Path.Combine(Path.GetTempPath(), "enfix-tests");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{Guid.NewGuid():N}.db");
    }

    public static void DeleteDatabase(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(path + suffix);
    }
}
