package io.contactcenter.directory.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DepartmentRepository implements PanacheRepositoryBase<Department, UUID> {

    public List<Department> listByDigit() {
        return listAll(Sort.by("digit"));
    }

    public boolean digitTaken(int digit, UUID exceptId) {
        return count("digit = ?1 and id <> ?2", digit, exceptId) > 0;
    }

    public boolean nameTaken(String name, UUID exceptId) {
        return count("lower(name) = lower(?1) and id <> ?2", name, exceptId) > 0;
    }
}
