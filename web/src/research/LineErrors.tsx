/** An all-or-nothing import's refusal: nothing was written, and each problem by its line in the file. */
export function LineErrors({ errors }: { errors: readonly { line: number; message: string }[] }) {
  return (
    <div role="alert">
      <h2>Nothing was imported: {errors.length === 1 ? 'one row needs' : `${errors.length} problems need`} fixing</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((row) => (
            <tr key={`${row.line}:${row.message}`}>
              <td>{row.line}</td>
              <td>{row.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
