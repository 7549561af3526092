using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Model;

namespace SchemaGen.Deploying
{
    /// <summary>
    /// An earlier deployment's model, read back from its history row, as a target to deploy again (a rollback).
    /// The model is checked against the row's hash, so a damaged row is refused rather than deployed.
    /// </summary>
    internal static class RecordedDeployment
    {
        public static async Task<DeployTarget> ReadAsync(NpgsqlConnection connection, HistoryTable history, long historyId, CancellationToken cancellationToken)
        {
            string hash;
            string? data, defaultSchema;
            await using (var command = new NpgsqlCommand(history.SelectDeployment, connection))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = historyId });
                try
                {
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    if (!await reader.ReadAsync(cancellationToken))
                        throw Refused($"{history.QualifiedName} has no deployment {historyId}");
                    hash = reader.GetString(0);
                    data = reader.IsDBNull(1) ? null : reader.GetString(1);
                    defaultSchema = reader.IsDBNull(2) ? null : reader.GetString(2);
                }
                catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
                {
                    throw Refused($"there is no history table {history.QualifiedName}: nothing was deployed into that schema yet");
                }
            }

            if (data == null || defaultSchema == null)
                throw Refused($"deployment {historyId} was recorded by a SchemaGen version that did not keep the deployed model in the history");

            SchemaModel model;
            try
            {
                model = ModelData.ReadTextOrPacked(data);
            }
            catch (FormatException e)
            {
                throw Refused($"the model of deployment {historyId} cannot be read: {e.Message}");
            }

            if (StableHash.Sha256Hex(DdlRenderer.Render(model)) != hash)
                throw Refused($"the model kept for deployment {historyId} does not match its hash {hash}: the history row was altered");
            return new DeployTarget(model, hash, defaultSchema);
        }

        private static SchemaDeployException Refused(string why) =>
            new SchemaDeployException($"Cannot roll back: {why}. Nothing was changed.", phase: DeployPhase.ReadingCatalog);
    }
}
