import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiProvider, useApi } from './ApiProvider';
import { createFakeApi } from './test-utils';

function ShowsApi() {
  const api = useApi();
  return <p>{typeof api.getSession === 'function' ? 'has api' : 'no api'}</p>;
}

describe('ApiProvider', () => {
  it('hands the API to components below it', () => {
    render(
      <ApiProvider api={createFakeApi()}>
        <ShowsApi />
      </ApiProvider>,
    );
    expect(screen.getByText('has api')).toBeInTheDocument();
  });

  it('makes a missing provider a loud error', () => {
    expect(() => render(<ShowsApi />)).toThrow(/ApiProvider/);
  });
});
